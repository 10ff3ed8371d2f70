/**
 * `solve --workers N`: refused unless a whole number of at least 1; with
 * the scalable solver, the folder written with 2 workers holds the same
 * bytes as with 1 (all files but timing.json, whose seconds differ between
 * any two runs), and summary.json does not name the option; and a result
 * solved with `workers` in an options file is checked valid by `check`
 * with that same file.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { capture } from '../helpers/terminal.js';

const DEMO = path.resolve('examples/demo');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-workers-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('solve --workers', () => {
  it.each(['0', '1.5', 'two', '-2'])('refuses --workers %s', async (value) => {
    const term = capture();
    expect(await runCli(['solve', '--input', DEMO, '--out', path.join(work, `bad-${value}`), '--workers', value], term)).toBe(2);
    // (`-2` is taken for a flag by the parser, and refused as such.)
    expect(term.stderr.join('\n')).toMatch(value === '-2' ? /'--workers' argument/ : /--workers must be a whole number of at least 1/);
  });

  it('writes the same files with 2 workers as with 1, without naming the option', async () => {
    const written: Map<string, string>[] = [];
    for (const workers of ['1', '2']) {
      const out = path.join(work, `w${workers}`);
      const term = capture();
      expect(await runCli(['solve', '--input', DEMO, '--out', out, '--solver', 'scalable', '--workers', workers], term)).toBe(0);
      const files = new Map<string, string>();
      for (const name of (await readdir(out)).sort()) if (name !== 'timing.json') files.set(name, await readFile(path.join(out, name), 'utf8'));
      written.push(files);
    }
    expect([...written[1]!.keys()]).toEqual([...written[0]!.keys()]);
    for (const [name, text] of written[0]!) expect(written[1]!.get(name), name).toBe(text);
    expect(written[0]!.get('summary.json')).not.toMatch(/workers/);
  });

  it('a result solved with workers in an options file is valid to `check` with the same file', async () => {
    const options = path.join(work, 'options.json');
    await writeFile(options, JSON.stringify({ workers: 2, solver: 'scalable' }));
    const out = path.join(work, 'from-file');
    expect(await runCli(['solve', '--input', DEMO, '--out', out, '--options', options], capture())).toBe(0);
    const term = capture();
    expect(await runCli(['check', '--input', DEMO, '--result', out, '--options', options], term)).toBe(0);
    expect(term.stdout.join('\n')).toMatch(/valid/);
    expect(term.stdout.join('\n')).not.toMatch(/workers/);
  });
});
