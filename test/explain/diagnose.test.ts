import { describe, expect, it } from 'vitest';
import { diagnoseAll, diagnoseCounty, diagnoseCountyIndexed } from '../../src/explain/diagnose.js';
import { buildPoolIndex, countEligiblePairs } from '../../src/explain/pool-index.js';
import { allCandidates } from '../../src/solve/candidates.js';
import { generateInstance } from '../../src/generate/index.js';
import { Rng } from '../../src/generate/random.js';
import { eligibleExperts } from '../../src/rules/eligibility.js';
import { InstanceSchema, type Instance } from '../../src/model/schemas.js';
import { EAST, eastern, expert, local, national, pairWest, veto } from '../helpers/instance.js';
import { countyWithPool, ctxOf, required, round, skill } from './fixtures.js';

function diagnose(instance: Instance, countyId: string) {
  const ctx = ctxOf(instance);
  const c = ctx.countyById.get(countyId)!;
  return { list: diagnoseCounty(ctx, c, eligibleExperts(ctx, c)), indexed: diagnoseCountyIndexed(buildPoolIndex(ctx), c) };
}

describe('single-county diagnosis names numbers a person can act on', () => {
  it('no leader: counts the national-level experts and what keeps each out', () => {
    const pool = countyWithPool('a');
    pool.experts.splice(0, 1); // no own national leader
    const instance = round([pool, countyWithPool('b')], {
      experts: [national('N-veto'), national('N-zero', { capacity: 0 }), national('N-local', { homeCounty: 'b', province: 'W' })],
      affinities: [veto('a', 'N-veto'), veto('a', 'b-N')],
    });
    const { list, indexed } = diagnose(instance, 'a');
    expect(list).toEqual(indexed);
    expect(list?.reasonCode).toBe('no-leader-candidate');
    expect(list?.detail).toMatch(/none of the pool's 4 national-level experts may lead it: 2 vetoed for it \(H8\), 1 with capacity 0 \(H2\), 1 local scientist of other counties \(H5\)/);
  });

  it('no local scientist: says how many to recommend, or why the recommended ones cannot serve', () => {
    const pool = countyWithPool('a');
    pool.experts.splice(1, 1);
    let d = diagnose(round([pool]), 'a');
    expect(d.list).toEqual(d.indexed);
    expect(d.list?.detail).toMatch(/no local scientist \(home_county = a\) is in the pool; the county should recommend 1–2 \(H5\)/);
    const vetoed = round([countyWithPool('a')], { affinities: [veto('a', 'a-L')] });
    d = diagnose(vetoed, 'a');
    expect(d.list).toEqual(d.indexed);
    expect(d.list?.detail).toMatch(/0 of its 1 local scientist may serve \(1 vetoed \(H8\)\); it needs at least 1 \(H5\): recommend 1 more/);
  });

  it('no East–West scientist: names the partner province and the count to add', () => {
    const instance = round([countyWithPool('a')], { pairings: [pairWest()] });
    const d = diagnose(instance, 'a');
    expect(d.list).toEqual(d.indexed);
    expect(d.list).toEqual({ reasonCode: 'no-east-expert', detail: `county a (a): no scientist from its East–West partner ${EAST} is in the pool; add 1–2 (H6)` });
    const blocked = round([countyWithPool('a')], { pairings: [pairWest()], experts: [eastern('E1', { capacity: 0 }), eastern('E2')], affinities: [veto('a', 'E2')] });
    const b = diagnose(blocked, 'a');
    expect(b.list).toEqual(b.indexed);
    expect(b.list?.detail).toMatch(/0 of the pool's 2 scientists from E may serve it \(1 vetoed for it \(H8\), 1 with capacity 0 \(H2\)\); it needs 1 \(H6\): add 1 from E/);
  });

  it('a required need nobody eligible holds: the holders in the pool and why each is out', () => {
    const instance = round([countyWithPool('a'), countyWithPool('b')], {
      needs: [required('a', '养蜂', 'processing')],
      experts: [expert('H1'), local('H2', 'b')],
      skills: [skill('H1', '养蜂', 'processing'), skill('H2', '养蜂', '*')],
      affinities: [veto('a', 'H1')],
    });
    const d = diagnose(instance, 'a');
    expect(d.list).toEqual(d.indexed);
    expect(d.list?.reasonCode).toBe('required-need-uncovered');
    expect(d.list?.detail).toMatch(/none of the pool's 2 holders may serve it: 1 vetoed for it \(H8\), 1 local scientist of other counties \(H5\); recruit a holder/);
    const none = round([countyWithPool('a')], { needs: [required('a', '养蜂', 'processing')] });
    expect(diagnose(none, 'a').indexed?.detail).toMatch(/nobody in the pool holds a skill covering 养蜂\/processing/);
  });

  it('too few candidates: how many more', () => {
    const d = diagnose(round([countyWithPool('a', 0)]), 'a');
    expect(d.list).toEqual(d.indexed);
    expect(d.list?.detail).toMatch(/only 2 of its 2 eligible experts can sit together .* a group needs at least 3 \(H3\): add 1 experts/);
  });

  it('pins that may not serve name the expert and the rule', () => {
    const instance = round([countyWithPool('a'), countyWithPool('b')], { pins: [{ countyId: 'a', expertId: 'b-L' }] });
    const d = diagnose(instance, 'a');
    expect(d.list).toEqual(d.indexed);
    expect(d.list?.reasonCode).toBe('pinned-infeasible');
    expect(d.list?.detail).toMatch(/b-L \(local scientist of b, H5\)/);
  });
});

describe('the indexed diagnosis', () => {
  it('agrees with the candidate-list diagnosis on generated rounds with vetoes, capacity 0 and missing locals', () => {
    for (const seed of [1, 2, 3]) {
      const base = generateInstance('demo', seed);
      const rng = new Rng(seed, 'diagnose-test');
      // Perturb: some counties lose their locals, some veto every national expert or every partner-province one; some capacities are 0.
      const noLocals = new Set(base.counties.filter(() => rng.chance(0.2)).map((c) => c.id));
      const experts = base.experts.filter((e) => !(e.homeCounty !== undefined && noLocals.has(e.homeCounty))).map((e) => (rng.chance(0.05) ? { ...e, capacity: 0 } : e));
      const kept = new Set(experts.map((e) => e.id));
      const affinities = base.affinities.filter((a) => kept.has(a.expertId));
      const seen = new Set(affinities.map((a) => `${a.countyId}/${a.expertId}`));
      for (const c of base.counties) {
        const mode = rng.int(0, 3);
        for (const e of experts) {
          const hit = (mode === 0 && e.level === 'national') || (mode === 1 && ['浙江', '广东', '天津', '山东'].includes(e.province) && rng.chance(0.9));
          if (hit && !seen.has(`${c.id}/${e.id}`)) affinities.push({ countyId: c.id, expertId: e.id, score: 0, veto: true });
        }
      }
      const instance = InstanceSchema.parse({ ...base, experts, skills: base.skills.filter((s) => kept.has(s.expertId)), affinities, pins: [] });
      const ctx = ctxOf(instance, {});
      const all = diagnoseAll(ctx);
      let blocked = 0;
      for (const c of ctx.counties) {
        const list = diagnoseCounty(ctx, c, eligibleExperts(ctx, c));
        expect(all.get(c.id)).toEqual(list);
        if (list) blocked++;
      }
      expect(blocked).toBeGreaterThan(0);
    }
  });

  it('counts the eligible pairs as allCandidates lists them', () => {
    const instance = generateInstance('demo', 2);
    const vetoed = { ...instance, affinities: [...instance.affinities.filter((a) => !a.veto), { countyId: instance.counties[0]!.id, expertId: instance.experts[0]!.id, score: 0, veto: true }] };
    for (const inst of [instance, InstanceSchema.parse(vetoed)]) {
      const ctx = ctxOf(inst, {});
      expect(countEligiblePairs(buildPoolIndex(ctx))).toBe([...allCandidates(ctx, ctx.counties).values()].reduce((s, l) => s + l.length, 0));
    }
  });

  it('never looks at every county–expert pair: 2,000 counties × 60,000 experts in well under a second', () => {
    // 1.2e8 pairs: a per-pair diagnosis takes many seconds; the indexed one touches each county's vetoes and locals only.
    const counties = Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, name: '', province: 'W', prefecture: '', keyCounty: false, eastPartner: [] }));
    const experts = Array.from({ length: 60000 }, (_, i) => (i < 2000
      ? { id: `L${i}`, name: '', province: 'W', organization: '', level: 'county' as const, homeCounty: `c${i}` }
      : { id: `E${i}`, name: '', province: 'P', organization: '', level: i % 10 === 0 ? 'national' as const : 'provincial' as const }));
    const instance: Instance = { counties, experts, needs: [], skills: [], pairings: [], affinities: [], pins: [] };
    const ctx = ctxOf(instance, {});
    const t = performance.now();
    expect(diagnoseAll(ctx).size).toBe(0);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
