/**
 * Consent is opt-in: with `consent: 'optional'` (the default) the consent
 * columns change nothing. A round solved with the columns present gives the
 * very result it gives with them removed — in the default objective and in
 * the exact-affinity mode — and the checker judges both alike. With
 * `consent: 'required'` the same columns do change the result (so the
 * comparison can fail).
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { generateInstance } from '../../src/generate/index.js';
import { PRESETS } from '../../src/generate/presets.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Affinity, Instance } from '../../src/model/schemas.js';
import { consentAllows } from '../../src/rules/consent.js';
import { solve } from '../../src/solve/solve.js';

const withColumns = generateInstance({ ...PRESETS.demo.spec, consentCandidates: 18 }, 1);
const strip = ({ countyConsents: _c, expertConsents: _e, ...rest }: Affinity): Affinity => rest;
const withoutColumns: Instance = { ...withColumns, affinities: withColumns.affinities.map(strip) };

/** What a result says, without the input hash and timings. */
function essence(r: SolveResult) {
  return { status: r.status, assignments: r.assignments, unmatched: r.unmatched, objective: r.summary.objective, bound: r.summary.upperBound };
}

async function solved(instance: Instance, options: Parameters<typeof solve>[1]): Promise<SolveResult> {
  const r = await solve(instance, options);
  if (r.status === 'invalid') throw new Error(JSON.stringify(r.issues));
  return r;
}

describe('consent optional: the columns change nothing', () => {
  it('has columns that would matter: some pair the default result assigns lacks consent', async () => {
    const r = await solved(withColumns, { solver: 'highs', seed: 1 });
    const rows = new Map(withColumns.affinities.map((a) => [`${a.countyId}|${a.expertId}`, a]));
    const pinned = new Set(withColumns.pins.map((p) => `${p.countyId}|${p.expertId}`));
    const lacking = r.assignments.filter((a) => !consentAllows(rows.get(`${a.countyId}|${a.expertId}`), pinned.has(`${a.countyId}|${a.expertId}`)));
    expect(lacking.length).toBeGreaterThan(0);
    const required = await solved(withColumns, { solver: 'highs', seed: 1, consent: 'required' });
    expect(essence(required)).not.toEqual(essence(r));
  });

  for (const objective of ['default', 'affinity'] as const) {
    for (const solver of ['highs', 'scalable'] as const) {
      it(`${objective} objective, ${solver}: the same result with and without the columns`, async () => {
        const options = { solver, objective, seed: 1, timeLimit: 30 };
        const a = await solved(withColumns, options);
        const b = await solved(withoutColumns, options);
        expect(essence(a)).toEqual(essence(b));
        expect(checkSolution(withColumns, a, options)).toEqual(checkSolution(withoutColumns, b, options));
      }, 60_000);
    }
  }
});
