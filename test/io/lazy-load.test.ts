/**
 * What a command loads (issue #11, reading: `validate` on a national round
 * within 0.5 s). Each command is loaded when it runs (src/cli/main.ts), and
 * fast-csv when a record holding a `"` comes (src/io/read-csv.ts): `validate`
 * on a folder without quotes loads neither the solvers' javascript-lp-solver
 * nor fast-csv. A module-loader hook in a fresh process lists the packages
 * that were loaded.
 */
import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO = join(ROOT, 'examples', 'demo');

// Runs in the loader's thread: the URL of every module resolved is appended to the log.
const HOOKS = `
  import { appendFileSync } from 'node:fs';
  let log;
  export function initialize(data) { log = data.log; }
  export async function resolve(specifier, context, next) {
    const r = await next(specifier, context);
    appendFileSync(log, r.url + '\\n');
    return r;
  }
`;

/** Runs the command line in a fresh process; its exit code and the packages it loaded. */
async function run(argv: readonly string[]): Promise<{ code: number; packages: string[] }> {
  const log = join(await tempDir(), 'resolved.txt');
  await writeFile(log, '');
  const script = `
    const { register } = await import('node:module');
    register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)}, { data: { log: ${JSON.stringify(log)} } });
    const { runCli } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src', 'cli', 'main.ts')).href)});
    const quiet = { out() {}, err() {}, status() {} };
    process.stdout.write(String(await runCli(JSON.parse(process.argv[1]), quiet)));
  `;
  const code = Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(argv)], { cwd: ROOT, encoding: 'utf8' }));
  const packages = new Set((await readFile(log, 'utf8')).split('\n').flatMap((url) => {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    return m === null ? [] : [m[1]!];
  }));
  return { code, packages: [...packages] };
}

describe('what a command loads', () => {
  it('validate on a folder without quotes loads neither the solvers nor fast-csv', async () => {
    const r = await run(['validate', '--input', DEMO]);
    expect(r.code).toBe(0);
    expect(r.packages).not.toContain('javascript-lp-solver');
    expect(r.packages).not.toContain('fast-csv');
    expect(r.packages).toContain('zod');
  }, 60_000);

  it('the solve command loads the solvers, and a quoted cell loads fast-csv (the check sees what is loaded)', async () => {
    expect((await run(['solve', '--help'])).packages).toContain('javascript-lp-solver');
    const dir = await tempDir();
    await cp(DEMO, dir, { recursive: true });
    const counties = (await readFile(join(dir, 'counties.csv'), 'utf8')).split('\n');
    const cells = counties[1]!.split(',');
    cells[1] = `"${cells[1]!}"`;
    counties[1] = cells.join(',');
    await writeFile(join(dir, 'counties.csv'), counties.join('\n'));
    const r = await run(['validate', '--input', dir]);
    expect(r.code).toBe(0);
    expect(r.packages).toContain('fast-csv');
    expect(r.packages).not.toContain('javascript-lp-solver');
  }, 60_000);
});
