/**
 * Two-way consent (双向选择、自主自愿), opt-in: with `consent: 'required'` a
 * pair may be assigned only when its affinity row says yes on both sides, or
 * it is pinned (consent already given) and neither side says no. The rule is
 * one condition (`consentAllows`) read by eligibility (every solver), the H8
 * check (the checker) and the explainer; with `consent: 'optional'` nothing
 * reads the columns.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { consentAllows, consentOf, consentWords, lacksConsent } from '../../src/rules/consent.js';
import { isEligible } from '../../src/rules/eligibility.js';
import { isValidGroup } from '../../src/rules/group-validity.js';
import { solve } from '../../src/solve/solve.js';
import { generateInstance } from '../../src/generate/index.js';
import { PRESETS } from '../../src/generate/presets.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { county, expert, makeContext, makeInstance, poolFor, solution, type AffinityIn } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith } from '../helpers/solve.js';

const yes = (countyId: string, expertId: string, score = 0): AffinityIn => ({ countyId, expertId, score, countyConsents: true, expertConsents: true });

/** c1's own pool all consenting; V, the county's favourite, never answered. c2 has no consent rows at all. */
function round(vRow: Partial<AffinityIn> = { countyConsents: true }): Instance {
  const pool = poolFor('c1', { members: 3 });
  return makeInstance({
    counties: [county('c1'), county('c2')],
    experts: [...pool, expert('V'), ...poolFor('c2', { members: 3 })],
    affinities: [...pool.map((e) => yes('c1', e.id)), { countyId: 'c1', expertId: 'V', score: 10, ...vRow }],
  });
}

const affinityMode = { objective: 'affinity' as const, groupMin: 3, groupMax: 4, solver: 'exact' as const };

describe('consentAllows: the one condition', () => {
  it('needs yes on both sides, or a pin without a no', () => {
    expect(consentAllows({ countyConsents: true, expertConsents: true }, false)).toBe(true);
    expect(consentAllows({ countyConsents: true }, false)).toBe(false);
    expect(consentAllows({ countyConsents: true, expertConsents: false }, false)).toBe(false);
    expect(consentAllows({ expertConsents: true }, false)).toBe(false);
    expect(consentAllows(undefined, false)).toBe(false);
    // A pin is consent given, unless a side says no.
    expect(consentAllows(undefined, true)).toBe(true);
    expect(consentAllows({ countyConsents: true }, true)).toBe(true);
    expect(consentAllows({ countyConsents: true, expertConsents: false }, true)).toBe(false);
    expect(consentAllows({ countyConsents: false }, true)).toBe(false);
  });
});

describe('eligibility under consent', () => {
  const inst = round();
  const required = makeContext(inst, { consent: 'required' });
  const optional = makeContext(inst, {});
  const e = (ctx: typeof required, id: string) => ctx.expertById.get(id)!;
  const c = (ctx: typeof required, id: string) => ctx.countyById.get(id)!;

  it('required: only pairs with yes on both sides are eligible', () => {
    expect(isEligible(required, e(required, 'c1-N'), c(required, 'c1'))).toBe(true);
    expect(isEligible(required, e(required, 'c1-L'), c(required, 'c1'))).toBe(true);
    // County yes, expert not stated.
    expect(isEligible(required, e(required, 'V'), c(required, 'c1'))).toBe(false);
    // No row at all.
    expect(isEligible(required, e(required, 'V'), c(required, 'c2'))).toBe(false);
    expect(isEligible(required, e(required, 'c2-N'), c(required, 'c2'))).toBe(false);
    expect(lacksConsent(required, 'c1', 'V')).toBe(true);
  });

  it('optional (the default): the columns are not read', () => {
    expect(optional.options.consent).toBe('optional');
    for (const id of ['V', 'c2-N', 'c2-M1']) expect(isEligible(optional, e(optional, id), c(optional, 'c2'))).toBe(true);
    expect(isEligible(optional, e(optional, 'V'), c(optional, 'c1'))).toBe(true);
    expect(consentOf(optional, 'c1', 'V').ok).toBe(true);
    expect(lacksConsent(optional, 'c2', 'V')).toBe(false);
  });

  it('a pin stands for consent given', () => {
    const pinned = makeInstance({ ...partsOf(round()), pins: [{ countyId: 'c2', expertId: 'c2-N', role: 'leader' }] });
    const ctx = makeContext(pinned, { consent: 'required' });
    expect(isEligible(ctx, ctx.expertById.get('c2-N')!, ctx.countyById.get('c2')!)).toBe(true);
    expect(consentOf(ctx, 'c2', 'c2-N')).toMatchObject({ pinned: true, required: true, ok: true, county: undefined, expert: undefined });
  });

  it('says what each side said', () => {
    expect(consentWords(consentOf(required, 'c1', 'V'))).toBe('county: yes, expert: not stated');
    const no = makeContext(round({ countyConsents: false, expertConsents: true }), { consent: 'required' });
    expect(consentWords(consentOf(no, 'c1', 'V'))).toBe('county: no, expert: yes');
  });
});

function partsOf(inst: Instance) {
  return { counties: inst.counties, experts: inst.experts, affinities: inst.affinities, needs: inst.needs, skills: inst.skills, pairings: inst.pairings };
}

describe('the solvers assign only consenting pairs', () => {
  it('exact: the favourite without an answer is left out under required, taken under optional', async () => {
    const inst = round();
    const before = expectValid(inst, affinityMode, await solveWith(inst, affinityMode));
    expect(idsOf(groupOf(before, 'c1'))).toContain('V');
    const opts = { ...affinityMode, consent: 'required' as const };
    const after = expectValid(inst, opts, await solveWith(inst, opts));
    expect(idsOf(groupOf(after, 'c1'))).not.toContain('V');
    // c2 has no consent rows: nobody may serve it.
    expect(after.unmatched.map((u) => u.countyId)).toEqual(['c2']);
    for (const a of after.assignments) expect(consentOf(makeContext(inst, opts), a.countyId, a.expertId).ok).toBe(true);
  });

  for (const solver of ['exact', 'highs', 'scalable'] as const) {
    it(`${solver}, through solve(): every assigned pair consented, the checker agrees`, async () => {
      const inst = round();
      const opts = { groupMin: 3, groupMax: 4, solver, consent: 'required' as const };
      const result = await solve(inst, opts);
      expect(result.status).not.toBe('invalid');
      const r = result as SolveResult;
      const ctx = makeContext(inst, opts);
      expect(r.assignments.length).toBeGreaterThan(0);
      for (const a of r.assignments) expect(consentOf(ctx, a.countyId, a.expertId).ok, `${a.countyId}/${a.expertId}`).toBe(true);
      expect(idsOf(groupOf(r, 'c1'))).not.toContain('V');
      expect(r.unmatched.map((u) => u.countyId)).toEqual(['c2']);
      expect(checkSolution(inst, r, opts).ok).toBe(true);
    });
  }
});

describe('a generated round with consent answers (demo, consentCandidates 16)', () => {
  const inst = generateInstance({ ...PRESETS.demo.spec, consentCandidates: 16, consentRate: 0.8, pins: 2 }, 3);
  for (const solver of ['highs', 'scalable'] as const) {
    it(`${solver}: every assigned pair consented (or is pinned), the checker agrees`, async () => {
      const opts = { solver, consent: 'required' as const, seed: 1, timeLimit: 30 };
      const r = await solve(inst, opts);
      if (r.status === 'invalid') throw new Error(JSON.stringify(r.issues));
      const ctx = makeContext(inst, opts);
      expect(r.summary.matchedCounties).toBeGreaterThan(0);
      for (const a of r.assignments) expect(consentOf(ctx, a.countyId, a.expertId).ok, `${a.countyId}/${a.expertId}`).toBe(true);
      for (const p of inst.pins) if (!r.unmatched.some((u) => u.countyId === p.countyId)) expect(r.assignments.some((a) => a.countyId === p.countyId && a.expertId === p.expertId)).toBe(true);
      expect(checkSolution(inst, r, opts).violations).toEqual([]);
    }, 60_000);
  }
});

describe('the checker flags a member without consent (H8)', () => {
  it('no-consent under required, nothing under optional', async () => {
    const inst = round();
    const before = await solveWith(inst, affinityMode);
    expect(checkSolution(inst, before, affinityMode).ok).toBe(true);
    const report = checkSolution(inst, before, { ...affinityMode, consent: 'required' });
    const h8 = report.violations.filter((v) => v.rule === 'H8');
    expect(h8.map((v) => `${v.code}:${v.countyId}/${v.expertId}`)).toContain('no-consent:c1/V');
    expect(h8.find((v) => v.expertId === 'V')!.message).toContain('county: yes, expert: not stated');
    // c2's members have no rows at all.
    expect(h8.filter((v) => v.countyId === 'c2').length).toBe(groupOf(before, 'c2').length);
  });

  it('a hand-made group: isValidGroup (every local move) refuses it too', () => {
    const inst = round();
    const ctx = makeContext(inst, { ...affinityMode, consent: 'required' });
    const members = ['c1-N', 'c1-L', 'V'].map((id) => ctx.expertById.get(id)!);
    expect(isValidGroup(ctx, ctx.countyById.get('c1')!, members, members[0]!)).toBe(false);
    const fine = ['c1-N', 'c1-L', 'c1-M1'].map((id) => ctx.expertById.get(id)!);
    expect(isValidGroup(ctx, ctx.countyById.get('c1')!, fine, fine[0]!)).toBe(true);
    const sol = solution({ c1: [['c1-N', 'leader'], ['c1-L', 'local'], ['V', 'member']] }, { c2: 'no-leader-candidate' });
    expect(checkSolution(inst, sol, { ...affinityMode, consent: 'required' }).violations.filter((v) => v.code === 'no-consent')).toHaveLength(1);
  });
});
