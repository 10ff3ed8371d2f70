/**
 * Issue 9, E7: piping a command into `head` (`advisory-groups solve … |
 * head -1`) crashed it with an unhandled EPIPE (exit 1, a stack trace, and
 * for solve possibly no results). The executable now drops its output
 * quietly once the reader has gone and goes on: same exit code, no error,
 * and a solve still writes its complete results folder.
 *
 * Real processes: the executable (`src/cli/bin.ts` through tsx) with its
 * stdout's reader closed before it writes anything (every write then
 * fails with EPIPE), and a real `| head -1` shell pipeline.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readResultDir } from '../../src/io/read-results.js';
import { tempDir } from './helpers.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'src', 'cli', 'bin.ts');
const DEMO = join(REPO, 'examples', 'demo');

/** Runs the executable with its stdout closed at once; resolves to its exit code and stderr. */
function withClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout (… | head) ends the output quietly', () => {
  it('--help, validate and solve exit as usual, with no EPIPE error; solve still writes its results', async () => {
    const out = join(await tempDir(), 'out');
    for (const args of [['--help'], ['validate', '--input', DEMO], ['solve', '--input', DEMO, '--out', out, '--solver', 'exact']]) {
      const r = await withClosedStdout(args);
      expect(r.stderr, args.join(' ')).not.toMatch(/EPIPE|Error|internal error/);
      expect(r.code, args.join(' ')).toBe(0);
    }
    expect((await readResultDir(out)).ok).toBe(true);
  }, 120_000);

  // `head -n 0` exits before reading anything, so the very first write fails (deterministic); `head -1` as a person types it.
  for (const head of ['head -n 0', 'head -1'] as const) {
    it.skipIf(!existsSync('/bin/bash'))(`a real \`solve … | ${head}\` pipeline: exit 0, no stack trace, results written`, async () => {
      const out = join(await tempDir(), 'out');
      const script = `"${process.execPath}" --import tsx "${BIN}" solve --input "${DEMO}" --out "${out}" --solver exact 2>"${out}.err" | ${head}; echo "exit=\${PIPESTATUS[0]}"; cat "${out}.err"`;
      const r = spawnSync('/bin/bash', ['-c', script], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
      const lines = r.stdout.trim().split('\n');
      if (head === 'head -1') expect(lines.shift()).toMatch(/^status /);
      expect(lines[0]).toBe('exit=0');
      expect(lines.slice(1).join('\n')).not.toMatch(/EPIPE|Error/);
      expect((await readResultDir(out)).ok).toBe(true);
    }, 120_000);
  }
});
