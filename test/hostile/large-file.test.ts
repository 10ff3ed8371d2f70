/**
 * A 100,000-row experts.csv with a 100,000-row skills.csv: read within a
 * time bound, with bounded memory growth, ending in a result (or, with one
 * bad cell near the end, in one issue at the right line).
 *
 * Measured on the 2-core reference machine (Node 20), machine otherwise
 * idle: about 3 s and a peak RSS growth of about 195 MB for the valid
 * folder (the two files are ~7 MB; the reader holds each file whole, it
 * does not stream). Bounds asserted: 60 s and 768 MB.
 */
import { describe, expect, it } from 'vitest';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { writeCsvFolder } from '../../src/testing.js';
import { removeDir, tempDir, validFiles, withinMs } from './helpers.js';

const ROWS = 100_000;
const TIME_MS = 60_000;
const RSS_BOUND_MB = 768;

function bigFolder(badAt?: number): Record<string, string> {
  const base = validFiles();
  const experts: string[] = [];
  const skills: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const level = i === badAt ? 'professor' : i % 5 === 0 ? 'national' : 'provincial';
    experts.push(`X${i},专家${i},北京,中国农业科学院,institute,${level},,${i % 7 === 0 ? 2 : ''}`);
    skills.push(`X${i},茶叶,${i % 2 === 0 ? 'production' : 'processing'},${1 + (i % 3)}`);
  }
  return { ...base, 'experts.csv': `${base['experts.csv']}${experts.join('\n')}\n`, 'skills.csv': `${base['skills.csv']}${skills.join('\n')}\n` };
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

describe('a 100,000-row experts.csv and skills.csv', () => {
  it('reads within the time bound with bounded memory growth', async () => {
    const { result, peakMb, ms } = await measured(bigFolder());
    console.log(`[hostile] 100,000 rows: ${ms} ms, peak RSS growth ${peakMb.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB)`);
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
