/**
 * Child process of the crash-safety tests: writes results of "run A" or
 * "run B" into a folder with `writeResults`, to be killed (kill -9) by the
 * parent in the middle. Every file of a run carries its tag, so the parent
 * can tell a folder of one run from a mix. Run A also writes report.html,
 * run B does not (B must remove A's).
 *
 * Usage: `node --import tsx test/hostile/crash-writer-child.ts OUT once A|B`
 *   — one write (with `ADVISORY_GROUPS_TEST_STOP_AT_STEP=k` the writer
 *   stops itself after the k-th step of the commit, for the parent to kill);
 * `… OUT loop N [A|B]` — N writes, alternating A and B (or always the
 *   given tag); prints `ready` before the first and, at the end, one JSON
 *   line `{ "written": n, "locked": n }` (writes refused because another
 *   process held the folder's lock are retried).
 */
import { writeResults } from '../../src/io/write-results.js';
import type { SolveResult } from '../../src/model/result.js';

/** The result of run `tag`: every file differs between the runs. */
export function runResult(tag: 'A' | 'B'): SolveResult {
  return {
    status: 'feasible',
    assignments: [
      { countyId: 'c1', expertId: 'e1', role: 'leader', fit: 1, covers: [], reason: `run ${tag}` },
      { countyId: 'c1', expertId: `e${tag}`, role: 'member', fit: 0.5, covers: [], reason: `run ${tag}` },
    ],
    unmatched: [{ countyId: 'c2', reasonCode: 'competition', detail: `run ${tag}` }],
    summary: {
      status: 'feasible', objective: 1, upperBound: 2, gap: 0.5, matchedCounties: 1, matchableUpperBound: 2, totalCounties: 2,
      expertsUsed: 2, expertsFree: 0, seconds: tag === 'A' ? 1 : 2, seed: 1, solver: `run ${tag}`, objectiveMode: 'default', options: {}, version: '0.1.0', inputHash: 'same-input',
    },
    warnings: [],
  };
}

/** Writes run `tag` into `out` (run A with a report.html). */
export async function writeRun(out: string, tag: 'A' | 'B'): Promise<void> {
  await writeResults(out, runResult(tag), tag === 'A' ? { extraFiles: { 'report.html': '<p>run A</p>\n' } } : {});
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0');
if (isMain) {
  const [out, mode, arg, only] = process.argv.slice(2);
  if (out === undefined || (mode !== 'once' && mode !== 'loop')) throw new Error('usage: crash-writer-child.ts OUT once A|B | OUT loop N [A|B]');
  if (mode === 'once') {
    await writeRun(out, arg === 'B' ? 'B' : 'A');
  } else {
    const n = Number(arg ?? 10);
    let written = 0;
    let locked = 0;
    process.stdout.write('ready\n');
    for (let i = 0; i < n; i++) {
      const tag = only === 'A' || only === 'B' ? only : i % 2 === 0 ? 'A' : 'B';
      try {
        await writeRun(out, tag);
        written++;
      } catch (error) {
        // The folder's lock is held by the other writer: a clear refusal, tried again a moment later.
        if ((error as Error).name !== 'OutputLockedError') throw error;
        locked++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    process.stdout.write(`${JSON.stringify({ written, locked })}\n`);
  }
}
