/**
 * Consent in the explanations (双向选择、自主自愿, `consent: 'required'`):
 * `explain --county C --expert E` says a pair is out because consent is
 * required and what each side said; the diagnosis names the consent
 * shortfall (no consenting leader, too few consenting locals or East–West
 * members, a required need without a consenting holder, too few in all);
 * shortages between counties are proven over the consenting experts only;
 * and the checker's reason check does not refute a reason with an expert
 * who never consented. Each test fails without the consent rule (the
 * experts that lack consent would count as candidates).
 */
import { describe, expect, it } from 'vitest';
import { verifyUnmatched } from '../../src/check/verify-unmatched.js';
import { consentShortfall, describeConsentShortfall, diagnoseAll, diagnoseCounty, diagnoseCountyIndexed } from '../../src/explain/diagnose.js';
import { explainPair } from '../../src/explain/pair.js';
import { poolIndexOf } from '../../src/explain/pool-index.js';
import { describeShortage, findShortages, shortageRemedy } from '../../src/explain/shortage.js';
import { generateInstance } from '../../src/generate/index.js';
import { PRESETS } from '../../src/generate/presets.js';
import { eligibleExperts } from '../../src/rules/eligibility.js';
import type { Instance } from '../../src/model/schemas.js';
import { county, eastern, expert, local, national, pairWest, type AffinityIn, type ExpertIn } from '../helpers/instance.js';
import { makeInstance } from '../helpers/instance.js';
import { OPTIONS, ctxOf, required, skill, solveSmall } from './fixtures.js';

const CONSENT = { ...OPTIONS, consent: 'required' as const };
const yes = (countyId: string, expertId: string, score = 0): AffinityIn => ({ countyId, expertId, score, countyConsents: true, expertConsents: true });

/** A county with leader `c-N`, local `c-L`, members `c-M1…c-M4`; all consenting except those listed in `without`. */
function pool(c: string, without: Record<string, Partial<AffinityIn>> = {}): { experts: ExpertIn[]; affinities: AffinityIn[] } {
  const experts: ExpertIn[] = [national(`${c}-N`), local(`${c}-L`, c)];
  for (let i = 1; i <= 4; i++) experts.push(expert(`${c}-M${i}`));
  const affinities = experts.map((e) => ({ ...yes(c, e.id), ...(without[e.id] ?? {}) }));
  return { experts, affinities };
}

describe('explain a pair under consent required', () => {
  const a = pool('a');
  const inst = makeInstance({ counties: [county('a')], experts: [...a.experts, expert('V')], affinities: [...a.affinities, { countyId: 'a', expertId: 'V', score: 5, countyConsents: true }] });

  it('a pair without consent: rule H8, code no-consent, what each side said', async () => {
    const result = await solveSmall(inst, CONSENT);
    expect(result.assignments.map((x) => x.expertId)).not.toContain('V');
    const why = await explainPair(inst, result, 'a', 'V', CONSENT);
    expect(why.kind).toBe('excluded');
    if (why.kind !== 'excluded') return;
    expect(`${why.rule}:${why.code}`).toBe('H8:no-consent');
    expect(why.message).toContain('consent is required');
    expect(why.message).toContain('county: yes, expert: not stated');
    expect(why.consent).toMatchObject({ county: true, expert: undefined, ok: false });
  });

  it('a member: the consent it has is named', async () => {
    const result = await solveSmall(inst, CONSENT);
    const member = result.assignments[0]!;
    const why = await explainPair(inst, result, 'a', member.expertId, CONSENT);
    expect(why.kind).toBe('member');
    expect(why.message).toContain('consent required, and given (county: yes, expert: yes)');
  });

  it('under the default the same pair is not excluded by consent', async () => {
    const result = await solveSmall(inst, OPTIONS);
    const why = await explainPair(inst, result, 'a', 'V', OPTIONS);
    expect(why.kind === 'excluded' && why.code === 'no-consent').toBe(false);
  });
});

/** Five counties, each short of one kind of consenting candidate; without consent each could form a group. */
function shortfallRound(): Instance {
  const a = pool('a', { 'a-N': { expertConsents: false } });
  const b = pool('b', { 'b-L': { countyConsents: true, expertConsents: undefined } });
  const c = pool('c');
  const d = pool('d', { 'd-M1': { expertConsents: false }, 'd-M2': { expertConsents: false }, 'd-M3': { expertConsents: false }, 'd-M4': { countyConsents: false } });
  const e = pool('e');
  return makeInstance({
    counties: [county('a'), county('b'), county('c'), county('d'), county('e', { province: 'W2' })],
    experts: [...a.experts, ...b.experts, ...c.experts, expert('c-T'), ...d.experts, ...e.experts, eastern('e-E')],
    needs: [required('c', '茶叶')],
    skills: [skill('c-T', '茶叶')],
    pairings: [pairWest('E', 'W2')],
    affinities: [...a.affinities, ...b.affinities, ...c.affinities, { countyId: 'c', expertId: 'c-T', countyConsents: true }, ...d.affinities, ...e.affinities, { countyId: 'e', expertId: 'e-E', expertConsents: true, countyConsents: false }],
  });
}

describe('diagnosis: the consent shortfall, in words', () => {
  const inst = shortfallRound();

  it('without consent required, every county can form a group', () => {
    expect([...diagnoseAll(ctxOf(inst, OPTIONS))]).toEqual([]);
    expect(consentShortfall(ctxOf(inst, OPTIONS))).toEqual([]);
  });

  it('with consent required, each county names the consent it lacks', () => {
    const d = diagnoseAll(ctxOf(inst, CONSENT));
    const code = (id: string) => d.get(id)?.reasonCode;
    expect(code('a')).toBe('no-leader-candidate');
    // Every national expert of the pool (a's own declined, the others' were never asked by a).
    expect(d.get('a')!.detail).toContain('none of the pool\'s 5 national-level experts may lead it: 5 without consent on both sides (consent required, H8)');
    expect(d.get('a')!.detail).toContain('obtain a yes from both sides');
    expect(code('b')).toBe('no-local-scientist');
    expect(d.get('b')!.detail).toContain('0 of its 1 local scientist may serve (1 without consent on both sides');
    expect(code('c')).toBe('required-need-uncovered');
    expect(d.get('c')!.detail).toMatch(/茶叶\/production.*1 without consent on both sides/);
    expect(code('d')).toBe('too-few-candidates');
    expect(d.get('d')!.detail).toContain('only experts with yes on both sides count');
    expect(code('e')).toBe('no-east-expert');
    expect(d.get('e')!.detail).toContain('without consent on both sides');
  });

  it('consentShortfall lists exactly those counties, and says so in a sentence', () => {
    const ctx = ctxOf(inst, CONSENT);
    const s = consentShortfall(ctx);
    expect(s.map((x) => x.countyId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(describeConsentShortfall(ctx, s)).toMatch(/^5 counties of 5 cannot form a group from the experts who consented/);
  });

  it('a county that cannot be matched either way is not in the shortfall: consent is not why', () => {
    const lonely = makeInstance({ counties: [county('z')], experts: [local('z-L', 'z')], affinities: [yes('z', 'z-L')] });
    const ctx = ctxOf(lonely, CONSENT);
    expect(diagnoseAll(ctx).get('z')?.reasonCode).toBe('no-leader-candidate');
    expect(consentShortfall(ctx)).toEqual([]);
  });

  it('the indexed diagnosis (validate, national scale) agrees with the one over eligible candidates', () => {
    for (const instance of [inst, generateInstance({ ...PRESETS.province.spec, consentCandidates: 14 }, 2)]) {
      const ctx = ctxOf(instance, { consent: 'required' });
      const index = poolIndexOf(ctx);
      let diagnosed = 0;
      for (const c of ctx.counties) {
        const indexed = diagnoseCountyIndexed(index, c);
        expect(indexed, c.id).toEqual(diagnoseCounty(ctx, c, eligibleExperts(ctx, c)));
        if (indexed) diagnosed++;
      }
      expect(diagnosed).toBeGreaterThan(0);
    }
  });
});

describe('shortages between counties, over consenting experts only', () => {
  // Both counties' own leaders declined; both would take the one national expert N, who has one place.
  const a = pool('a', { 'a-N': { expertConsents: false } });
  const b = pool('b', { 'b-N': { expertConsents: false } });
  const inst = makeInstance({
    counties: [county('a'), county('b')],
    experts: [...a.experts, ...b.experts, national('N')],
    affinities: [...a.affinities, ...b.affinities, yes('a', 'N'), yes('b', 'N')],
  });

  it('is proven under consent required, and names consent', () => {
    const ctx = ctxOf(inst, CONSENT);
    expect([...diagnoseAll(ctx)]).toEqual([]);
    const s = findShortages(ctx, ctx.counties);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: 'leader', counties: ['a', 'b'], experts: 1, places: 1, minUnmatched: 1, consent: true });
    expect(describeShortage(ctx, s[0]!)).toContain('consent required');
    expect(shortageRemedy(s[0]!)).toMatch(/^obtain a yes from both sides/);
  });

  it('is absent under the default (three leaders for two counties)', () => {
    const ctx = ctxOf(inst, OPTIONS);
    expect(findShortages(ctx, ctx.counties)).toEqual([]);
  });

  it('the solve leaves one county unmatched, and the reason check does not refute it with an expert who declined', async () => {
    const result = await solveSmall(inst, CONSENT);
    expect(result.unmatched).toHaveLength(1);
    const ctx = ctxOf(inst, CONSENT);
    const groups = new Map<string, ReturnType<typeof ctx.expertById.get>[]>();
    for (const x of result.assignments) groups.set(x.countyId, [...(groups.get(x.countyId) ?? []), ctx.expertById.get(x.expertId)]);
    const loser = result.unmatched[0]!;
    // Claimed as a missing leader: a-N/b-N are free, but declined, so they refute nothing.
    const check = verifyUnmatched(ctx, [{ countyId: loser.countyId, reasonCode: 'no-leader-candidate' }], groups as never, true);
    expect(check.findings).toEqual([]);
    const underDefault = verifyUnmatched(ctxOf(inst, OPTIONS), [{ countyId: loser.countyId, reasonCode: 'no-leader-candidate' }], groups as never, true);
    expect(underDefault.findings.length).toBeGreaterThan(0);
  });
});
