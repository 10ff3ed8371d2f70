/**
 * fast-check arbitraries of valid instances, with awkward text: commas,
 * quotes, newlines, leading spaces, formula characters, Chinese.
 */
import fc from 'fast-check';
import type { Instance, Pin } from '../../src/model/schemas.js';
import { DEFAULT_STAGES, LEVELS, ORG_TYPES } from '../../src/model/vocabulary.js';

const unit = fc.constantFrom('a', 'Z', '7', '张', '县', ',', '"', '\n', '\r\n', ' ', '=', '-', '@', "'", '\t', '.', '/');
/** Free text: anything, but not only white space (which reads back as empty). */
const text = fc.string({ unit, maxLength: 8 }).filter((s) => s === '' || s.trim() !== '');
/** An id: trimmed, non-empty, no list separator, no control character (refused in ids, issue #9 E3). */
const id = fc.string({ unit: fc.constantFrom('a', 'b', '张', ',', '"', '=', '-', "'", ' ', '1'), minLength: 1, maxLength: 5 })
  .map((s) => s.trim())
  .filter((s) => s !== '' && s !== '*');
const stage = fc.constantFrom(...DEFAULT_STAGES, '冷链', 'cold-chain');
const num = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true })).map((n) => (n === 0 ? 0 : n));
const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

/** Removes keys whose value is undefined, as a reader leaves them absent. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A valid instance (no key counties). */
export const instanceArb: fc.Arbitrary<Instance> = fc
  .record({
    countyIds: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }),
    expertIds: fc.uniqueArray(id, { minLength: 1, maxLength: 5 }),
    provinces: fc.uniqueArray(id, { minLength: 1, maxLength: 3 }),
    seed: fc.array(fc.nat(1000), { minLength: 64, maxLength: 64 }),
    texts: fc.array(text, { minLength: 40, maxLength: 40 }),
    nums: fc.array(num, { minLength: 20, maxLength: 20 }),
    industries: fc.uniqueArray(id, { minLength: 1, maxLength: 3 }),
    stages: fc.array(stage, { minLength: 8, maxLength: 8 }),
    batch: optional(text.filter((s) => s !== '')),
    orgType: optional(fc.constantFrom(...ORG_TYPES)),
    levels: fc.array(fc.constantFrom(...LEVELS), { minLength: 5, maxLength: 5 }),
    // From 3: a leader, a local scientist and an East–West member (a smaller group_max is refused, issue #9 E5).
    sizes: fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 5 })),
  })
  .map(({ countyIds, expertIds, provinces, seed, texts, nums, industries, stages, batch, orgType, levels, sizes }) => {
    let k = 0;
    const pick = <T>(list: readonly T[]): T => list[(seed[k++ % seed.length] ?? 0) % list.length]!;
    const t = (i: number): string => texts[i % texts.length]!;
    const counties = countyIds.map((cid, i) => compact({
      id: cid, name: t(i), province: pick(provinces), prefecture: t(i + 5), keyCounty: false,
      eastPartner: i % 2 === 0 ? [pick(provinces)] : [],
      groupMin: i === 0 ? sizes[0] : undefined, groupMax: i === 0 ? sizes[0] + sizes[1] : undefined,
      batch: i === 0 ? batch : undefined,
    }));
    const experts = expertIds.map((eid, i) => compact({
      id: eid, name: t(i + 10), province: pick(provinces), organization: t(i + 15),
      orgType: i === 0 ? orgType : undefined, level: levels[i % levels.length]!,
      homeCounty: i % 3 === 1 ? pick(countyIds) : undefined,
      capacity: i % 2 === 0 ? i : undefined,
    }));
    const needKeys = new Set<string>();
    const needs = countyIds.flatMap((cid, i) => [0, 1].map((j) => ({
      countyId: cid, industry: pick(industries), stage: stages[(i + j) % stages.length]!,
      weight: Math.abs(nums[(i + j) % nums.length]!), required: j === 0,
    }))).filter((n) => { const key = JSON.stringify([n.countyId, n.industry, n.stage]); return !needKeys.has(key) && needKeys.add(key); });
    const skillKeys = new Set<string>();
    const skills = expertIds.flatMap((eid, i) => [0, 1].map((j) => ({
      expertId: eid, industry: j === 1 ? '*' : pick(industries), stage: j === 1 && i % 2 === 0 ? '*' : stages[(i + 3 * j) % stages.length]!,
      proficiency: 1 + ((i + j) % 3),
    }))).filter((s) => { const key = JSON.stringify([s.expertId, s.industry, s.stage]); return !skillKeys.has(key) && skillKeys.add(key); });
    const pairings = [
      { eastProvince: pick(provinces), westProvince: pick(provinces) },
      { eastProvince: pick(provinces), westProvince: counties[0]!.province, countyId: counties[0]!.id },
    ];
    const affinities = countyIds.slice(0, 2).map((cid, i) => ({ countyId: cid, expertId: expertIds[i % expertIds.length]!, score: nums[i + 5]!, veto: i === 1 }));
    const vetoed = new Set(affinities.filter((a) => a.veto).map((a) => JSON.stringify([a.countyId, a.expertId])));
    const pins: Pin[] = [];
    const led = new Set<string>();
    const load = new Map<string, number>();
    for (const c of countyIds) {
      for (const e of experts) {
        if (pins.length >= 3 || vetoed.has(JSON.stringify([c, e.id]))) continue;
        // At most 2 per county: within localMax and eastMax whoever they are (issue #9 E5 refuses more).
        if (pins.filter((p) => p.countyId === c).length >= 2) continue;
        // Valid pins stay within the expert's capacity (H2).
        if ((load.get(e.id) ?? 0) >= (e.capacity ?? 1)) continue;
        if (e.homeCounty !== undefined && e.homeCounty !== c) continue;
        if (pick([true, false, false])) continue;
        const canLead = e.level === 'national' && e.homeCounty !== c && !led.has(c);
        const role = pick([canLead ? 'leader' : 'member', 'east', 'local', undefined] as const);
        if (role === 'leader') led.add(c);
        load.set(e.id, (load.get(e.id) ?? 0) + 1);
        pins.push(compact({ countyId: c, expertId: e.id, role }));
      }
    }
    return { counties, needs, experts, skills, pairings, affinities, pins } as Instance;
  });
