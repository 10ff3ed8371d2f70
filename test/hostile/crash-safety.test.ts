/**
 * A results folder is one unit (issue 9, C1–C3), shown with REAL child
 * processes killed with SIGKILL (kill -9) and with two writers at once:
 *
 * - at every step of the commit: the child writer
 *   (`crash-writer-child.ts`) stops itself after the k-th step (test hook
 *   `ADVISORY_GROUPS_TEST_STOP_AT_STEP`), the parent kills it with SIGKILL
 *   there, for every k and both directions (run A with a report.html over
 *   run B, and B over A);
 * - at random moments: a child rewriting the folder in a loop is killed
 *   after a random delay;
 * - two writers rewriting one folder at once (one always run A, one always
 *   run B) while the parent reads it as fast as it can.
 *
 * After each trial the folder is judged by `readResultDir`, the reader
 * under `check`, `explain`, `repair` and `solve --pinned`: no trial may
 * leave (or show a reader) a folder it accepts whose files come from two
 * runs — a file tagged A beside one tagged B, a report.html of run A beside
 * run B's files, or run A's files without their report. Then the next
 * write must clear the crashed run's temporary files and lock (C3).
 * The trial counts are printed (`[crash-safety] …`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readResultDir } from '../../src/io/read-results.js';
import { writeRun } from './crash-writer-child.js';
import { tempDir } from './helpers.js';

const CHILD = fileURLToPath(new URL('./crash-writer-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** The steps of one commit of the child's set: move the old manifest aside, 4 or 5 renames, remove A's report (B over A), the manifest; a few more to see the end. */
const MAX_STEP = 9;

const counts: Record<string, number> = {};
const count = (key: string, n = 1): void => { counts[key] = (counts[key] ?? 0) + n; };
afterAll(() => {
  console.log(`[crash-safety] ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}`);
});

function child(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(c: ChildProcess): Promise<number | null> {
  return c.exitCode !== null || c.signalCode !== null ? Promise.resolve(c.exitCode) : new Promise((resolve) => c.once('exit', (code) => resolve(code)));
}

/** The process state letter from /proc (`T`: stopped), `undefined` when it is gone. */
function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** Waits until the child has stopped itself (SIGSTOP) or ended. */
async function stoppedOrEnded(c: ChildProcess, timeoutMs = 60_000): Promise<'stopped' | 'ended'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (c.exitCode !== null || c.signalCode !== null) return 'ended';
    if (procState(c.pid!) === 'T') return 'stopped';
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the child neither stopped nor ended');
}

async function kill9(c: ChildProcess): Promise<void> {
  c.kill('SIGKILL');
  await exited(c);
}

/** The first line the child prints. */
function firstLine(c: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    c.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    c.once('exit', () => reject(new Error(`the child ended before printing: ${text}`)));
  });
}

/** The run each file of the folder comes from (`-`: missing). */
async function tags(out: string): Promise<Record<string, string>> {
  const read = async (name: string): Promise<string | undefined> => readFile(join(out, name), 'utf8').catch(() => undefined);
  const tagOf = (text: string | undefined): string => (text === undefined ? '-' : /run A/.test(text) ? 'A' : /run B/.test(text) ? 'B' : '?');
  const timing = await read('timing.json');
  return {
    'assignments.csv': tagOf(await read('assignments.csv')),
    'unmatched.csv': tagOf(await read('unmatched.csv')),
    'summary.json': tagOf(await read('summary.json')),
    'timing.json': timing === undefined ? '-' : /"seconds": 1\b/.test(timing) ? 'A' : /"seconds": 2\b/.test(timing) ? 'B' : '?',
    'report.html': tagOf(await read('report.html')),
  };
}

/** True when the files come from more than one run (or a run's file is missing). */
function isMixed(t: Record<string, string>): boolean {
  const core = new Set([t['assignments.csv'], t['unmatched.csv'], t['summary.json'], t['timing.json']]);
  if (core.size !== 1 || core.has('-') || core.has('?')) return true;
  const run = [...core][0];
  return run === 'A' ? t['report.html'] !== 'A' : t['report.html'] !== '-';
}

/** The run each part of what `readResultDir` returned comes from. */
function returnedTags(read: Awaited<ReturnType<typeof readResultDir>>): Set<string> {
  if (!read.ok) return new Set();
  const tag = (text: string | undefined): string => (text === undefined ? '-' : /run A/.test(text) ? 'A' : /run B/.test(text) ? 'B' : '?');
  return new Set([
    ...read.assignments.map((a) => tag(a.reason)), ...read.unmatched.map((u) => tag(u.detail)), tag(read.summary?.solver),
    read.seconds === 1 ? 'A' : read.seconds === 2 ? 'B' : '?',
  ]);
}

/**
 * Judges the folder as a reader would; counts under `prefix`. Mixed: the
 * data the reader returned comes from two runs, or, for a folder at rest
 * (no writer running), its files do (report.html included). While writers
 * run, a look at the files is no snapshot, so only the returned data counts.
 * Returns whether a mix was accepted.
 */
async function judge(out: string, prefix: string, atRest = true): Promise<boolean> {
  const read = await readResultDir(out);
  const mixed = returnedTags(read).size > 1 || (atRest && isMixed(await tags(out)));
  if (returnedTags(read).size > 1) count(`${prefix}.returnedMixed`);
  count(`${prefix}.trials`);
  if (read.ok) count(`${prefix}.accepted`);
  else count(`${prefix}.refused`);
  if (mixed) count(`${prefix}.mixed`);
  if (read.ok && mixed) {
    count(`${prefix}.acceptedMixed`);
    return true;
  }
  return false;
}

/**
 * The next write clears what the crash left: temporary files, a dead lock;
 * the folder is then one run. Counts a failure (`notCleanAfterNextWrite`)
 * instead of throwing, so that every trial runs and the counts compare.
 */
async function nextWriteCleans(out: string, prefix: string): Promise<void> {
  const leftovers = (await readdir(out)).filter((n) => n.startsWith('.'));
  if (leftovers.length > 0) count(`${prefix}.hiddenFilesLeftByCrash`, leftovers.length);
  await writeRun(out, 'B');
  const clean = (await readdir(out)).filter((n) => n.startsWith('.')).length === 0 && !isMixed(await tags(out)) && (await readResultDir(out)).ok;
  if (!clean) count(`${prefix}.notCleanAfterNextWrite`);
}

describe.skipIf(!existsSync('/proc/self/stat'))('kill -9 of a real writer, and two writers at once', () => {
  it('kill -9 after every step of the commit, both directions: no mixed folder is accepted', async () => {
    let mixedAccepted = 0;
    for (const [from, to] of [['A', 'B'], ['B', 'A']] as const) {
      for (let k = 1; k <= MAX_STEP; k++) {
        const out = join(await tempDir('ag-crash-'), 'out');
        await writeRun(out, from);
        const c = child([out, 'once', to], { ADVISORY_GROUPS_TEST_STOP_AT_STEP: String(k) });
        const state = await stoppedOrEnded(c);
        if (state === 'stopped') {
          count('steps.killed');
          await kill9(c);
        } else {
          count('steps.completed');
          expect(await exited(c)).toBe(0);
        }
        if (await judge(out, 'steps')) mixedAccepted++;
        await nextWriteCleans(out, 'steps');
      }
    }
    expect(mixedAccepted).toBe(0);
    expect(counts['steps.notCleanAfterNextWrite'] ?? 0).toBe(0);
    // The hook reached the middle of the commit (a writer killed there is refused, not accepted).
    expect(counts['steps.killed'] ?? 0).toBeGreaterThan(0);
    expect(counts['steps.refused'] ?? 0).toBeGreaterThan(0);
  }, 300_000);

  it('kill -9 at random moments of a writer rewriting the folder in a loop: no mixed folder is accepted', async () => {
    let mixedAccepted = 0;
    const trials = 30;
    for (let i = 0; i < trials; i++) {
      const out = join(await tempDir('ag-crash-'), 'out');
      await writeRun(out, 'A');
      const c = child([out, 'loop', '100000']);
      await firstLine(c);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 150)));
      await kill9(c);
      if (await judge(out, 'random')) mixedAccepted++;
      await nextWriteCleans(out, 'random');
    }
    expect(mixedAccepted).toBe(0);
    expect(counts['random.notCleanAfterNextWrite'] ?? 0).toBe(0);
  }, 300_000);

  it('two writers at once (A and B) while a reader reads: no read and no end state accepts a mix', async () => {
    let mixedAccepted = 0;
    for (let round = 0; round < 3; round++) {
      const out = join(await tempDir('ag-crash-'), 'out');
      await writeRun(out, 'A');
      const writers = [child([out, 'loop', '40', 'A']), child([out, 'loop', '40', 'B'])];
      const reports = writers.map((w) => new Promise<string>((resolve) => {
        let text = '';
        w.stdout!.on('data', (chunk: Buffer) => { text += chunk.toString(); });
        w.once('exit', () => resolve(text));
      }));
      let running = true;
      void Promise.all(reports).then(() => { running = false; });
      while (running) if (await judge(out, 'twoWriters.reads', false)) mixedAccepted++;
      for (const w of writers) expect(await exited(w)).toBe(0);
      for (const text of await Promise.all(reports)) {
        const last = JSON.parse(text.trim().split('\n').at(-1)!) as { written: number; locked: number };
        count('twoWriters.writes', last.written);
        count('twoWriters.lockRefusals', last.locked);
      }
      if (await judge(out, 'twoWriters.end')) mixedAccepted++;
    }
    expect(mixedAccepted).toBe(0);
  }, 300_000);
});
