/**
 * Where the worker thread's script is, for each way the library runs:
 *  - from source (vitest, tsx): `worker.ts` beside this file, run through tsx;
 *  - the library builds (`dist/index.js`, `dist/index.cjs`): `dist/scalable-worker.js` / `.cjs` beside them;
 *  - the command line (`dist/cli.js`, its chunks under `dist/cli/`): `dist/cli/scalable-worker.js`.
 * The script is looked up relative to the module that starts it (this one,
 * wherever the bundler put it), never relative to the working directory.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The worker's file name in the builds (see `tsup.config.ts`), without extension. */
export const WORKER_SCRIPT = 'scalable-worker';

/** How to start a worker thread: a script file, or (from source) a bootstrap evaluated as code. */
export interface WorkerScript {
  /** The file, or the bootstrap's code when `eval` is set. */
  readonly file: string;
  readonly eval?: boolean;
  readonly execArgv?: readonly string[];
}

/** This module's own file (the bundle it is part of, once built). */
function thisFile(): string {
  return fileURLToPath(import.meta.url);
}

/**
 * The worker script for the module at `from` (default: this module), or
 * undefined when none is found (the solve then runs in one thread).
 */
export function workerScript(from: string = thisFile()): WorkerScript | undefined {
  const dir = path.dirname(from);
  if (from.endsWith('.ts')) {
    const file = path.join(dir, 'worker.ts');
    const api = existsSync(file) ? tsxApi(from) : undefined;
    if (api === undefined) return undefined;
    // From source the worker's TypeScript goes through tsx, registered inside the thread: Node 20 does not apply
    // an `--import tsx` of the thread's execArgv to its entry.
    const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
    return { file: code, eval: true, execArgv: [] };
  }
  const ext = from.endsWith('.cjs') ? '.cjs' : '.js';
  for (const d of [dir, path.join(dir, 'cli')]) {
    const file = path.join(d, WORKER_SCRIPT + ext);
    if (existsSync(file)) return { file };
  }
  return undefined;
}

/** The URL of tsx's ESM API (`tsx/esm/api`), resolved from the source file; undefined when tsx is not installed. */
function tsxApi(from: string): string | undefined {
  try {
    const req = createRequire(from);
    const manifest = req.resolve('tsx/package.json');
    const exportsMap = (req(manifest) as { exports?: Record<string, { import?: { default?: string } }> }).exports;
    const entry = exportsMap?.['./esm/api']?.import?.default;
    if (entry === undefined) return undefined;
    const file = path.join(path.dirname(manifest), entry);
    return existsSync(file) ? pathToFileURL(file).href : undefined;
  } catch {
    return undefined;
  }
}
