/**
 * Large and endless files, read in bounded memory and time:
 *
 * - a 100,000-row experts.csv with a 100,000-row skills.csv, read in this
 *   process: a result (or, with one bad cell near the end, one issue at the
 *   right line) within 60 s and 768 MB of RSS growth (a loose bound: this
 *   process also holds the test runner);
 * - a 100,000-row experts.csv read in a child process whose V8 heap is
 *   capped at 96 MB (`--max-old-space-size=96`): reading each file whole
 *   (bytes, text and all records at once) needed 112–128 MB and crashed;
 *   streamed, records are turned into rows as they are parsed and the read
 *   passes from 80 MB up;
 * - two 500 MB files, one an unclosed quote near the top, one a single
 *   endless line, in a child with a 64 MB heap: each is refused with a
 *   `bad-row` issue after reading about 4 Mi characters (the record limit);
 * - 150,000 bad rows: 150,000 issues, not a stack overflow.
 *
 * Measured on the 2-core reference machine (Node 20, shared with other
 * work), peak RSS growth of the child over its RSS before reading
 * (`maxRSS`): 100,000-row experts.csv 182–185 MB read whole, 107–109 MB
 * streamed (with the 100,000-row skills.csv too: 227–231 MB whole, 154–163
 * MB streamed); the two 500 MB files 0.25 s and 28 MB streamed (read whole:
 * a V8 fatal "invalid size" crash after 51 s at 5.1 GB). The bounds below
 * leave room for a loaded machine.
 */
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { writeCsvFolder } from '../../src/testing.js';
import type { ChildReport } from './read-dir-child.js';
import { removeDir, tempDir, validFiles, withinMs } from './helpers.js';

const ROWS = 100_000;
const TIME_MS = 60_000;
const RSS_BOUND_MB = 768;
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./read-dir-child.ts', import.meta.url));

function bigExperts(badAt?: number): string {
  const experts: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const level = i === badAt ? 'professor' : i % 5 === 0 ? 'national' : 'provincial';
    experts.push(`X${i},专家${i},北京,中国农业科学院,institute,${level},,${i % 7 === 0 ? 2 : ''}`);
  }
  return `${validFiles()['experts.csv']}${experts.join('\n')}\n`;
}

function bigFolder(badAt?: number): Record<string, string> {
  const base = validFiles();
  const skills: string[] = [];
  for (let i = 0; i < ROWS; i++) skills.push(`X${i},茶叶,${i % 2 === 0 ? 'production' : 'processing'},${1 + (i % 3)}`);
  return { ...base, 'experts.csv': bigExperts(badAt), 'skills.csv': `${base['skills.csv']}${skills.join('\n')}\n` };
}

/** Reads a folder, sampling RSS every 25 ms; returns the result and the peak growth in MB. */
async function measured(files: Record<string, string>): Promise<{ result: Awaited<ReturnType<typeof readInstanceDir>>; peakMb: number; ms: number }> {
  const dir = await tempDir();
  try {
    await writeCsvFolder(dir, files);
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
    const started = Date.now();
    try {
      const result = await withinMs(TIME_MS, 'reading 100,000 rows', readInstanceDir(dir));
      peak = Math.max(peak, process.memoryUsage().rss);
      return { result, peakMb: (peak - base) / 1e6, ms: Date.now() - started };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await removeDir(dir);
  }
}

/** Reads `dir` in a child process with the V8 heap capped at `heapMb`; rejects when the child fails or takes over `timeoutMs`. */
function readInChild(dir: string, heapMb: number, timeoutMs: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', CHILD, dir], { cwd: REPO, timeout: timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`the child failed (${error.message.split('\n')[0] ?? ''}): ${stderr.slice(-600)}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildReport);
    });
  });
}

describe('a 100,000-row experts.csv and skills.csv', () => {
  it('reads within the time bound with bounded memory growth', async () => {
    const { result, peakMb } = await measured(bigFolder());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.instance.experts.length).toBe(ROWS + 40);
    expect(peakMb).toBeLessThan(RSS_BOUND_MB);
  }, 2 * TIME_MS);

  it('reports one bad cell near the end at its line', async () => {
    const badAt = ROWS - 3;
    const { result, peakMb } = await measured(bigFolder(badAt));
    expect(result.ok).toBe(false);
    // tiny has 40 experts: header line 1, its rows 2–41, then X0 on line 42.
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ code: 'bad-value', file: 'experts.csv', line: 42 + badAt, field: 'level' })]);
    expect(peakMb).toBeLessThan(RSS_BOUND_MB);
  }, 2 * TIME_MS);
});

describe('in a child process with a small heap', () => {
  it('a 100,000-row experts.csv reads with a 96 MB heap and under 160 MB of RSS growth', async () => {
    const dir = await tempDir();
    try {
      await writeCsvFolder(dir, { ...validFiles(), 'experts.csv': bigExperts() });
      const r = await readInChild(dir, 96, TIME_MS);
      expect(r).toMatchObject({ ok: true, experts: ROWS + 40 });
      expect(r.peakRssMb - r.rssBeforeMb).toBeLessThan(160);
    } finally {
      await removeDir(dir);
    }
  }, 2 * TIME_MS);

  it('two 500 MB files (an unclosed quote, an endless line) are refused in seconds with a 64 MB heap', async () => {
    const dir = await tempDir();
    try {
      const base = validFiles();
      await writeCsvFolder(dir, { ...base, 'experts.csv': `${base['experts.csv']}X1,"张三`, 'skills.csv': `${base['skills.csv']}${'y,'.repeat(3_000_000)}` });
      // Grown to 500 MB without writing them: the rest of each file is a hole that reads as NUL characters.
      for (const file of ['experts.csv', 'skills.csv']) {
        const handle = await open(join(dir, file), 'r+');
        await handle.truncate(500_000_000);
        await handle.close();
      }
      const r = await readInChild(dir, 64, TIME_MS);
      expect(r.issues).toEqual([
        expect.objectContaining({ code: 'bad-row', file: 'experts.csv', line: 42, field: 'name', message: expect.stringMatching(/^the row starting at line 42 is longer than 4,194,304 characters/) }),
        expect.objectContaining({ code: 'bad-row', file: 'skills.csv', line: 83, field: '' }),
      ]);
      expect(r.ms).toBeLessThan(10_000);
      expect(r.peakRssMb - r.rssBeforeMb).toBeLessThan(96);
    } finally {
      await removeDir(dir);
    }
  }, 2 * TIME_MS);
});

describe('very many issues', () => {
  it('150,000 bad rows give 150,000 issues, not a stack overflow', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 150_000; i++) rows.push(`Y${i},n,北京,o,institute,professor,,`);
    const base = validFiles();
    const dir = await tempDir();
    try {
      await writeCsvFolder(dir, { ...base, 'experts.csv': `${base['experts.csv']}${rows.join('\n')}\n` });
      const r = await withinMs(TIME_MS, 'reading 150,000 bad rows', readInstanceDir(dir));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues).toHaveLength(150_000);
        expect(r.issues.at(-1)).toMatchObject({ code: 'bad-value', file: 'experts.csv', line: 150_041, field: 'level' });
      }
    } finally {
      await removeDir(dir);
    }
  }, 2 * TIME_MS);
});
