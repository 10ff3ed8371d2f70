import { describe, expect, it } from 'vitest';
import { recruitmentAdvice } from '../../src/recruit/advice.js';
import { recruitmentCsv } from '../../src/recruit/write.js';
import { explainCounty } from '../../src/explain/county.js';
import { formatCountyExplanation } from '../../src/explain/format.js';
import { makeInstance } from '../helpers/instance.js';
import type { Instance } from '../../src/model/schemas.js';
import type { ExpertProfile } from '../../src/recruit/advice.js';
import { expert, pairWest } from '../helpers/instance.js';
import { OPTIONS, countyWithPool, required, round, skill, solveSmall } from '../explain/fixtures.js';

/** The instance with the profiles added as real experts of the pool. */
function withRecruits(instance: Instance, profiles: readonly ExpertProfile[]): Instance {
  const experts = profiles.map((p, i) => ({ id: `R${i}`, province: p.province, level: p.level, ...(p.homeCounty ? { homeCounty: p.homeCounty } : {}) }));
  const skills = profiles.flatMap((p, i) => p.skills.map((s) => ({ expertId: `R${i}`, industry: s.industry, stage: s.stage })));
  return makeInstance({ ...instance, experts: [...instance.experts, ...experts], skills: [...instance.skills, ...skills] });
}

describe('recruitmentAdvice', () => {
  it('a county without a local scientist: recruit one local scientist of that county, and it is enough', async () => {
    const pool = countyWithPool('a', 4);
    pool.experts.splice(1, 1);
    const instance = round([pool, countyWithPool('b')]);
    const result = await solveSmall(instance);
    expect(result.unmatched.map((u) => `${u.countyId}:${u.reasonCode}`)).toEqual(['a:no-local-scientist']);
    const [advice, ...rest] = await recruitmentAdvice(instance, result, OPTIONS);
    expect(rest).toEqual([]);
    expect(advice).toMatchObject({ countyId: 'a', verified: true, minimal: true });
    expect(advice!.profiles).toHaveLength(1);
    expect(advice!.profiles[0]).toMatchObject({ role: 'local', level: 'county', homeCounty: 'a' });
    const again = await solveSmall(withRecruits(instance, advice!.profiles));
    expect(again.unmatched).toEqual([]);
  });

  it('no leader, no East–West scientist and a missing required skill: with leaderCountsEast, one national-level recruit from the partner province holding it', async () => {
    const pool = countyWithPool('a', 4);
    pool.experts.splice(0, 1);
    const instance = round([pool], { pairings: [pairWest()], needs: [required('a', '青稞', 'processing')] });
    const counting = { ...OPTIONS, leaderCountsEast: true };
    const result = await solveSmall(instance, counting);
    const [advice] = await recruitmentAdvice(instance, result, counting);
    expect(advice).toMatchObject({ verified: true, minimal: true });
    expect(advice!.profiles).toEqual([expect.objectContaining({ role: 'leader', level: 'national', province: 'E', skills: [{ industry: '青稞', stage: 'processing' }] })]);
    expect((await solveSmall(withRecruits(instance, advice!.profiles), counting)).unmatched).toEqual([]);
  });

  it('the same by default (the leader fills no East–West place, H6): a national-level leader holding the skill and an East–West scientist, two people', async () => {
    const pool = countyWithPool('a', 4);
    pool.experts.splice(0, 1);
    const instance = round([pool], { pairings: [pairWest()], needs: [required('a', '青稞', 'processing')] });
    const result = await solveSmall(instance);
    const [advice] = await recruitmentAdvice(instance, result, OPTIONS);
    expect(advice).toMatchObject({ verified: true, minimal: true });
    expect(advice!.profiles).toEqual([
      expect.objectContaining({ role: 'leader', level: 'national', skills: [{ industry: '青稞', stage: 'processing' }] }),
      expect.objectContaining({ role: 'east', province: 'E' }),
    ]);
    expect(advice!.profiles[0]!.province).not.toBe('E');
    expect((await solveSmall(withRecruits(instance, advice!.profiles))).unmatched).toEqual([]);
  });

  it('a county lost to competition: a holder of the scarce need, checked with every other group unchanged', async () => {
    const instance = round(['a', 'b'].map((c) => countyWithPool(c)), {
      needs: ['a', 'b'].map((c) => required(c, '养蜂', 'processing')),
      experts: [expert('H1')],
      skills: [skill('H1', '养蜂', 'processing')],
    });
    const result = await solveSmall(instance);
    expect(result.unmatched).toHaveLength(1);
    const lost = result.unmatched[0]!.countyId;
    const [advice] = await recruitmentAdvice(instance, result, OPTIONS);
    expect(advice).toMatchObject({ countyId: lost, reasonCode: 'competition', verified: true, minimal: true });
    expect(advice!.profiles).toEqual([expect.objectContaining({ skills: [{ industry: '养蜂', stage: 'processing' }] })]);
    expect((await solveSmall(withRecruits(instance, advice!.profiles))).unmatched).toEqual([]);
    // explain --county prints it.
    const text = formatCountyExplanation(await explainCounty(instance, result, lost, OPTIONS)).join('\n');
    expect(text).toMatch(/unmatched \(competition\)/);
    expect(text).toMatch(/recruitment: 1 expert\(s\) would make it matchable \(checked: .*\); no fewer can:\n {4}1\. provincial-level, W, skill 养蜂\/processing — as member/);
  });

  it('too few candidates: as many members as are missing', async () => {
    const instance = round([countyWithPool('a', 0)]);
    const result = await solveSmall(instance);
    const [advice] = await recruitmentAdvice(instance, result, OPTIONS);
    expect(advice!.profiles).toHaveLength(1);
    expect(advice).toMatchObject({ verified: true, minimal: true });
  });

  it('writes recruitment.csv, one row per profile', async () => {
    const pool = countyWithPool('a', 4);
    pool.experts.splice(1, 1);
    const instance = round([pool]);
    const advice = await recruitmentAdvice(instance, await solveSmall(instance), OPTIONS);
    expect(recruitmentCsv(advice)).toBe('county_id,reason_code,profile,role,level,province,home_county,skills,verified,minimal,why\n'
      + 'a,no-local-scientist,1,local,county,W,a,,true,true,the county should recommend a local scientist (home_county a); it needs 1 (H5)\n');
  });
});
