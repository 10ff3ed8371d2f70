/**
 * Child process of the memory tests: reads one input folder with
 * `readInstanceDir` and prints one JSON line with the outcome, the time and
 * the process's memory. Run in its own process so that its peak RSS
 * (`maxRSS`) and a small `--max-old-space-size` measure this read alone.
 *
 * Usage: `node --import tsx test/hostile/read-dir-child.ts DIR`
 */
import { readInstanceDir } from '../../src/io/read-instance.js';

/** What the child prints. */
export interface ChildReport {
  ok: boolean;
  experts: number;
  issues: { code: string; file: string; line: number; field: string; message: string }[];
  ms: number;
  /** RSS just before reading, MB. */
  rssBeforeMb: number;
  /** Peak RSS of the whole process (kernel's maxRSS), MB. */
  peakRssMb: number;
}

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: read-dir-child.ts DIR');
const rssBefore = process.memoryUsage().rss;
const started = Date.now();
const r = await readInstanceDir(dir);
const report: ChildReport = {
  ok: r.ok,
  experts: r.ok ? r.instance.experts.length : 0,
  issues: r.ok ? [] : r.issues.slice(0, 3).map(({ code, file, line, field, message }) => ({ code, file, line, field, message: message.slice(0, 300) })),
  ms: Date.now() - started,
  rssBeforeMb: Math.round(rssBefore / 1e6),
  peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
