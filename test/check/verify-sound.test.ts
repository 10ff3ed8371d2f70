/**
 * verifyResult never refuses what the library itself produces: results of
 * every solver, with and without fairness, cut short by the time limit,
 * of batches and of repairs, are all accepted, with every claim they make.
 * (The tamper corpus shows that it refuses edited results; this shows that
 * its refusals are not false alarms.)
 */
import { describe, expect, it } from 'vitest';
import { verifyResult, formatFinding } from '../../src/index.js';
import { generateInstance } from '../../src/generate/index.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { solve } from '../../src/solve/solve.js';
import { solveBatch } from '../../src/incremental/batch.js';
import { repair } from '../../src/incremental/repair.js';
import { county, expert, local, makeInstance, national } from '../helpers/instance.js';

const small = (id: string, over: Parameters<typeof county>[1] = {}) => county(id, { groupMin: 3, groupMax: 5, ...over });

/** Three counties compete for the one holder of a required need; d has no local scientist; e has pins; batches 1 and 2. */
const HAND: Instance = makeInstance({
  counties: [small('a', { batch: '1' }), small('b', { batch: '1' }), small('c', { batch: '2' }), small('d', { batch: '2' }), small('e', { batch: '1' })],
  needs: ['a', 'b', 'c'].map((c) => ({ countyId: c, industry: '养蜂', stage: 'processing', required: true })),
  experts: [
    ...['a', 'b', 'c', 'd', 'e'].flatMap((c) => [national(`${c}-N`), ...(c === 'd' ? [] : [local(`${c}-L`, c)]), expert(`${c}-M1`), expert(`${c}-M2`)]),
    expert('H1'), expert('F1'),
  ],
  skills: [{ expertId: 'H1', industry: '养蜂', stage: 'processing' }],
  affinities: [{ countyId: 'e', expertId: 'F1', score: 2 }, { countyId: 'a', expertId: 'H1', score: 1 }],
  pins: [{ countyId: 'e', expertId: 'e-N', role: 'leader' }],
});

/** Statuses and reason codes of every result verified, to show what the test covered. */
const seen = { statuses: new Set<string>(), reasons: new Set<string>() };

function expectVerified(instance: Instance, result: SolveResult, options: OptionsInput, label: string): void {
  seen.statuses.add(result.status);
  for (const u of result.unmatched) seen.reasons.add(u.reasonCode);
  const report = verifyResult(instance, result, options);
  expect(report.findings.map(formatFinding), label).toEqual([]);
  expect(report.ok).toBe(true);
}

async function solved(instance: Instance, options: OptionsInput): Promise<SolveResult> {
  const result = await solve(instance, options);
  if (result.status === 'invalid') throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result;
}

const ROUNDS: [string, Instance][] = [
  ['tiny-1', generateInstance('tiny', 1)],
  ['tiny-2', generateInstance('tiny', 2)],
  ['demo-2', generateInstance('demo', 2)],
  ['scarce', generateInstance({ counties: 10, provinces: ['四川', '甘肃'], expertsPerCounty: 11, scarcity: 1, hardRate: 0.6, nationalShare: 0.12 }, 4)],
  ['hand', HAND],
];

describe('verifyResult accepts what the library produces', () => {
  for (const [name, instance] of ROUNDS) {
    it(`${name}: scalable, with fairness, affinity objective, and cut short`, async () => {
      for (const options of [{ solver: 'scalable' }, { solver: 'scalable', fairness: true }, { solver: 'scalable', objective: 'affinity' }, { solver: 'scalable', timeLimit: 0.001 }] as OptionsInput[]) {
        expectVerified(instance, await solved(instance, options), options, `${name} ${JSON.stringify(options)}`);
      }
    }, 60_000);
  }

  it('the exact solver and the default (auto) on small rounds', async () => {
    for (const [name, instance] of ROUNDS.filter(([n]) => n === 'tiny-1' || n === 'hand')) {
      for (const options of [{ solver: 'exact' }, { timeLimit: 20 }] as OptionsInput[]) {
        expectVerified(instance, await solved(instance, options), options, `${name} ${JSON.stringify(options)}`);
      }
    }
  }, 120_000);

  it('batches and repairs, with the pins they record', async () => {
    const first = await solveBatch(HAND, { batch: '1' }, { solver: 'scalable' });
    if (first.status === 'invalid') throw new Error('batch 1 refused');
    expectVerified(HAND, first, {}, 'batch 1');
    const second = await solveBatch(HAND, { batch: '2', previous: first }, { solver: 'scalable' });
    if (second.status === 'invalid') throw new Error('batch 2 refused');
    expectVerified(HAND, second, {}, 'batch 2');
    const whole = await solved(HAND, { solver: 'scalable' });
    for (const leader of whole.assignments.filter((a) => a.role === 'leader').map((a) => a.expertId)) {
      const out = await repair(HAND, whole, { withdraw: [leader] });
      if ('status' in out) throw new Error(`repair refused: ${JSON.stringify(out.issues)}`);
      const pins = (out as { pins?: Instance['pins'] }).pins;
      const withdrawn = out.changes.filter((c) => c.change === 'removed' && c.reason.startsWith('withdrew')).map((c) => c.expertId);
      const report = verifyResult(HAND, { ...out.result, ...(pins ? { pinned: pins } : {}), withdrawn });
      expect(report.findings.map(formatFinding), `withdraw ${leader}`).toEqual([]);
    }
  }, 60_000);

  it('covered the statuses and reasons a checker must accept', () => {
    console.log(`verified statuses: ${[...seen.statuses].sort().join(', ')}; reasons: ${[...seen.reasons].sort().join(', ')}`);
    expect([...seen.statuses]).toEqual(expect.arrayContaining(['optimal', 'feasible']));
    expect([...seen.reasons]).toEqual(expect.arrayContaining(['competition', 'no-local-scientist', 'required-need-uncovered', 'not-solved']));
  });
});
