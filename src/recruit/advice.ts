/**
 * Recruitment advice: for each unmatched county, the smallest set of expert
 * profiles (level, province, home county, skills) whose addition to the
 * pool makes it matchable, with every other group of the result fixed.
 *
 * The profiles fill the county's gaps among the experts still available to
 * it (see `findGaps`), one person per gap where one person cannot fill two:
 * a leader from the partner province also counts as East–West (only with
 * `leaderCountsEast`; by default the leader fills no East–West place), a missing
 * required skill is given to a recruit who is needed anyway. Each advice is
 * then checked by solving the county's exact one-county model with the
 * profiles added as experts (over a short list of the available experts);
 * when that fails a generic member is added and the check repeated.
 * `minimal` is true when the count equals a lower bound: every gap needs its
 * own person (a local scientist never leads; nobody else fills a local's
 * place), and the group needs `sizeMin` members.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert, Instance, InstanceInput, Need, ReasonCode, Skill, Unmatched } from '../model/schemas.js';
import type { Level, Role } from '../model/vocabulary.js';
import { buildContext, type RoundContext } from '../rules/context.js';
import { pinsOf } from '../rules/context.js';
import { GroupState, type PriorResult } from '../incremental/state.js';
import { prepareRound, type RoundOptions } from '../incremental/prepare.js';
import { solveLocal } from '../incremental/local-model.js';
import { mergeCandidates, shortlist } from '../incremental/shortlist.js';
import { buildPoolIndex, type PoolIndex } from '../explain/pool-index.js';
import { findGaps, topNeed, type Gaps } from './gaps.js';
import { shortfallOf } from '../rules/vacancy.js';

/** One expert to recruit. */
export interface ExpertProfile {
  /** What the recruit is for: `leader`, `local`, `east`, or `member`. */
  role: Role;
  level: Level;
  province: string;
  /** Set for a local scientist the county should recommend (H5). */
  homeCounty?: string;
  /** Skills (industry and stage of the county's needs). */
  skills: { industry: string; stage: string }[];
  /** Why this profile, in plain words. */
  why: string;
}

/** The advice for one unmatched county. */
export interface CountyAdvice {
  countyId: string;
  reasonCode: ReasonCode;
  /** Empty when no recruit helps (e.g. pins that contradict each other). */
  profiles: ExpertProfile[];
  /** A valid group exists with these profiles added and every other group unchanged (checked by the exact one-county model). */
  verified: boolean;
  /** No smaller set of recruits can make the county matchable. */
  minimal: boolean;
  /** Score of the group found in the check. */
  score?: number;
  /** Plain-language summary. */
  note: string;
}

/** Extra generic members tried when the first set of profiles does not check out. */
const EXTRA_TRIES = 3;

function lowerBound(g: Gaps, leaderCountsEast: boolean): number {
  // One recruit fills the leader's and an East–West place only when the leader counts toward the quota (H6).
  const roles = g.locals + (leaderCountsEast ? Math.max(g.east, g.leader ? 1 : 0) : g.east + (g.leader ? 1 : 0));
  return Math.max(roles, g.needs.length > 0 ? 1 : 0, g.sizeMin - g.usable);
}

/** The profiles that fill the gaps, in order: leader, East–West, locals, a holder, generic members. */
export function profilesFor(index: PoolIndex, county: County, g: Gaps): ExpertProfile[] {
  const ctx = index.ctx;
  const out: ExpertProfile[] = [];
  let missing: Pick<Need, 'industry' | 'stage'>[] = g.needs.map((n) => ({ industry: n.industry, stage: n.stage }));
  const top = topNeed(index, county);
  const skills = (): { industry: string; stage: string }[] => {
    if (missing.length > 0) {
      const s = missing;
      missing = [];
      return s;
    }
    return top ? [{ industry: top.industry, stage: top.stage }] : [];
  };
  const partner = g.partners[0];
  let east = g.east;
  const level = ctx.options.leaderLevels[0] ?? 'national';
  if (g.leader) {
    const fromPartner = ctx.options.leaderCountsEast && east > 0 && partner !== undefined;
    if (fromPartner) east--;
    out.push({ role: 'leader', level, province: fromPartner ? partner : county.province, skills: skills(), why: fromPartner ? `no ${level}-level expert may lead it; one from ${partner} also fills the East–West place (H4, H6)` : `no ${level}-level expert who may lead it has a place left (H4)` });
  }
  for (let i = 0; i < east && partner !== undefined; i++) out.push({ role: 'east', level: 'provincial', province: partner, skills: skills(), why: `the group needs ${ctx.options.eastMin} from its East–West partner ${g.partners.join('/')} (H6)` });
  for (let i = 0; i < g.locals; i++) out.push({ role: 'local', level: 'county', province: county.province, homeCounty: county.id, skills: skills(), why: `the county should recommend a local scientist (home_county ${county.id}); it needs ${ctx.options.localMin} (H5)` });
  if (missing.length > 0) out.push({ role: 'member', level: 'provincial', province: county.province, skills: skills(), why: `nobody available holds ${missing.map(needKey).join(', ')}, which the county marked as required (H7)` });
  // Every recruit is one more member who can sit in the group (within the quotas it was made for).
  for (let usable = g.usable + out.length; usable < g.sizeMin; usable++) out.push(genericMember(county, top, g.sizeMin));
  return out;
}

function genericMember(county: County, top: Pick<Need, 'industry' | 'stage'> | undefined, sizeMin: number): ExpertProfile {
  return { role: 'member', level: 'provincial', province: county.province, skills: top ? [{ industry: top.industry, stage: top.stage }] : [], why: `the group needs at least ${sizeMin} members (H3)` };
}

/** Synthetic experts for the profiles, with ids no pool expert has. */
function synthesize(ctx: RoundContext, county: County, profiles: readonly ExpertProfile[]): { experts: Expert[]; skills: Skill[] } {
  const experts: Expert[] = [];
  const skills: Skill[] = [];
  profiles.forEach((p, i) => {
    let id = `recruit:${county.id}:${i + 1}`;
    while (ctx.expertById.has(id)) id += "'";
    experts.push({ id, name: '', province: p.province, organization: '', level: p.level, capacity: 1, ...(p.homeCounty ? { homeCounty: p.homeCounty } : {}) });
    for (const s of p.skills) skills.push({ expertId: id, industry: s.industry, stage: s.stage, proficiency: 2 });
  });
  return { experts, skills };
}

function describe(county: County, profiles: readonly ExpertProfile[], verified: boolean): string {
  if (profiles.length === 0) {
    return verified
      ? `no recruit is needed: a valid group of ${county.name || county.id} can be formed from the experts the other groups leave free (the solver did not find it; re-solve with a longer time limit)`
      : `no single kind of expert is missing, yet no valid group was found (a combination of rules); try a generic member from ${county.province}`;
  }
  const words = profiles.map((p) => {
    const skill = p.skills.length > 0 ? ` with a skill in ${p.skills.map(needKey).join(', ')}` : '';
    const home = p.homeCounty ? ` (local scientist of ${p.homeCounty})` : '';
    return `1 ${p.level}-level ${p.role === 'leader' ? 'leader' : p.role === 'east' ? 'East–West scientist' : p.role === 'local' ? 'local scientist' : 'member'} from ${p.province}${home}${skill}`;
  });
  return `recruit ${words.join('; ')}${verified ? '' : ' (not confirmed by the check)'}`;
}

interface Plan {
  county: County;
  reasonCode: ReasonCode;
  gaps?: Gaps;
  /** Profiles, then `EXTRA_TRIES` generic members tried when they do not check out. */
  profiles: ExpertProfile[];
  first: number;
}

/** The pool with every plan's profiles added as experts (capacity 1), in one context: built once for all counties. */
interface Augmented {
  ctx: RoundContext;
  index: PoolIndex;
  recruits: Map<string, Expert[]>;
  isRecruit: ReadonlySet<Expert>;
}

function augment(ctx: RoundContext, plans: readonly Plan[]): Augmented {
  const experts: Expert[] = [];
  const skills: Skill[] = [];
  const ids = new Map<string, string[]>();
  for (const p of plans) {
    const s = synthesize(ctx, p.county, p.profiles);
    experts.push(...s.experts);
    skills.push(...s.skills);
    ids.set(p.county.id, s.experts.map((e) => e.id));
  }
  const instance: Instance = { ...ctx.instance, experts: [...ctx.instance.experts, ...experts], skills: [...ctx.instance.skills, ...skills] };
  const augmented = buildContext(instance, ctx.options);
  const recruits = new Map([...ids].map(([c, list]) => [c, list.map((id) => augmented.expertById.get(id)!)]));
  return { ctx: augmented, index: buildPoolIndex(augmented), recruits, isRecruit: new Set([...recruits.values()].flat()) };
}

/**
 * The gaps of a group kept with a vacancy: exactly its shortfall
 * (`src/rules/vacancy.ts`), its kept members counted as the usable ones, so
 * that the profiles are what to recruit into that group, the others staying.
 */
function vacancyGaps(index: PoolIndex, county: County, kept: { members: readonly Expert[]; leader?: Expert }): Gaps {
  const s = shortfallOf(index.ctx, county, kept.members, kept.leader);
  return { leader: s.leader, locals: s.locals, east: s.east, needs: s.needs, usable: kept.members.length, sizeMin: s.sizeMin, partners: s.partners };
}

function plan(index: PoolIndex, state: GroupState, county: County, reasonCode: ReasonCode): Plan {
  if (reasonCode === 'pinned-infeasible' || reasonCode === 'key-county') return { county, reasonCode, profiles: [], first: 0 };
  const kept = state.vacant(county.id);
  const gaps = kept ? vacancyGaps(index, county, kept) : findGaps(index, county, (e) => state.free(e) > 0);
  const first = profilesFor(index, county, gaps);
  const top = topNeed(index, county);
  return { county, reasonCode, gaps, profiles: [...first, ...Array.from({ length: EXTRA_TRIES }, () => genericMember(county, top, gaps.sizeMin))], first: first.length };
}

async function settle(aug: Augmented, state: GroupState, p: Plan): Promise<CountyAdvice> {
  const base = { countyId: p.county.id, reasonCode: p.reasonCode };
  if (!p.gaps) {
    return { ...base, profiles: [], verified: false, minimal: false, note: p.reasonCode === 'key-county' ? 'a national key assistance county is outside this plan (H10)' : 'no recruit helps: the pins contradict the rules; change pinned.csv' };
  }
  const lb = lowerBound(p.gaps, aug.ctx.options.leaderCountsEast);
  for (let n = p.first; n <= p.profiles.length; n++) {
    const profiles = p.profiles.slice(0, n);
    const score = await verify(aug, state, p.county, n);
    if (score !== undefined) return { ...base, profiles, verified: true, minimal: n === lb, score, note: describe(p.county, profiles, true) };
  }
  const profiles = p.profiles.slice(0, p.first);
  return { ...base, profiles, verified: false, minimal: false, note: describe(p.county, profiles, false) };
}

/** Solves the county's one-county model with its first `n` recruits added; every other group stays as it is. Returns the score, or undefined. */
async function verify(aug: Augmented, state: GroupState, county: County, n: number): Promise<number | undefined> {
  const { ctx, index, isRecruit } = aug;
  const recruits = (aug.recruits.get(county.id) ?? []).slice(0, n);
  // A group kept with a vacancy keeps its members: they are in, on the places they hold.
  const kept = (state.vacant(county.id)?.members ?? []).map((e) => ctx.expertById.get(e.id)!);
  const places = (e: Expert): number => (isRecruit.has(e) || kept.includes(e) ? 1 : state.free(e));
  const pinned = pinsOf(ctx, county.id).map((p) => ctx.expertById.get(p.expertId)).filter((e): e is Expert => e !== undefined);
  const list = shortlist(index, county, (e) => !isRecruit.has(e) && state.free(e) > 0);
  const candidates = new Map([[county.id, mergeCandidates(ctx, list, recruits, pinned, kept)]]);
  const answer = await solveLocal(ctx, { counties: [county], candidates, places, mustMatch: new Set([county.id]), ...(kept.length > 0 ? { forced: new Map([[county.id, kept]]) } : {}) });
  return answer.ok ? answer.score : undefined;
}

/** Advice for one unmatched county on a prepared round. */
export async function adviseCounty(ctx: RoundContext, state: GroupState, county: County, reasonCode: ReasonCode): Promise<CountyAdvice> {
  const p = plan(buildPoolIndex(ctx), state, county, reasonCode);
  return settle(augment(ctx, [p]), state, p);
}

/** Advice for every unmatched county of a prepared round, in round order. */
export async function adviseRound(ctx: RoundContext, state: GroupState, unmatched: readonly Pick<Unmatched, 'countyId' | 'reasonCode'>[]): Promise<CountyAdvice[]> {
  const index = buildPoolIndex(ctx);
  const codes = new Map(unmatched.map((u) => [u.countyId, u.reasonCode]));
  const plans = ctx.counties.filter((c) => codes.has(c.id) && !state.group(c.id)).map((c) => plan(index, state, c, codes.get(c.id)!));
  if (plans.length === 0) return [];
  const aug = augment(ctx, plans);
  const out: CountyAdvice[] = [];
  for (const p of plans) out.push(await settle(aug, state, p));
  return out;
}

/**
 * Recruitment advice for every unmatched county of a result: the smallest
 * set of expert profiles whose addition makes each matchable with the rest
 * of the result unchanged (see `CountyAdvice`). Options default to those
 * the result was solved with.
 * @example
 * for (const a of await recruitmentAdvice(instance, result)) console.log(a.countyId, a.note);
 */
export async function recruitmentAdvice(instance: Instance | InstanceInput, result: PriorResult, options?: RoundOptions): Promise<CountyAdvice[]> {
  const { ctx, state } = prepareRound(instance, result, options);
  return adviseRound(ctx, state, result.unmatched ?? []);
}
