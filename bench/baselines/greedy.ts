/**
 * A simple baseline: counties in input order, each group built greedily —
 * pins, a leader, local scientists, East–West members, holders of required
 * needs, then fill by marginal score among free experts — respecting every
 * hard rule. A county whose group cannot be completed is left unmatched and
 * its picks are released. It proves no bound (see `simpleBound`).
 */
import type { InputWarning } from '../../src/model/issues.js';
import type { SolveResult } from '../../src/model/result.js';
import type { County, Expert } from '../../src/model/schemas.js';
import { diagnoseCounty, type Diagnosis } from '../../src/explain/diagnose.js';
import { countyScoreRange } from '../../src/objective/bounds.js';
import { needsOf, pinsOf, type RoundContext } from '../../src/rules/context.js';
import { capacityOf } from '../../src/rules/h2-capacity.js';
import { groupSizeBounds } from '../../src/rules/h3-group-size.js';
import { canLead } from '../../src/rules/h4-leader.js';
import { isLocalTo } from '../../src/rules/h5-local.js';
import { countsTowardEast, isEastFor, partnersOf } from '../../src/rules/h6-east-west.js';
import { isEligible } from '../../src/rules/eligibility.js';
import { assembleResult, type ChosenGroup } from '../../src/solve/assemble.js';
import { countyPool, indexPool, positiveFitCandidates, type PoolIndex, type Scored } from './candidates.js';

/** Pool sizes of the first attempt at a county; a county that gets stuck is tried once more with pools four times larger. */
const POOL = { perKey: 30, minLeaders: 8 } as const;

/** A group being built for one county. */
class Draft {
  readonly members: Expert[] = [];
  leader: Expert | undefined;
  locals = 0;
  private readonly covered = new Set<number>();
  private readonly orgCount = new Map<string, number>();
  private readonly paired: boolean;
  readonly size: { min: number; max: number };

  constructor(private readonly ctx: RoundContext, readonly county: County) {
    this.paired = partnersOf(ctx, county).length > 0;
    this.size = groupSizeBounds(ctx, county);
  }

  /** True when adding `e` keeps the size and the local and East–West maxima. */
  fits(e: Expert): boolean {
    if (this.members.length >= this.size.max || this.members.includes(e)) return false;
    if (isLocalTo(e, this.county) && this.locals >= this.ctx.options.localMax) return false;
    if (this.paired && isEastFor(this.ctx, e, this.county) && this.east >= this.ctx.options.eastMax) return false;
    return true;
  }

  /** What adding `s` changes in the group's score: fit, newly covered needs, organization penalty. */
  gain(s: Scored, needWeights: readonly number[]): number {
    const { weights, maxSameOrganization, objective } = this.ctx.options;
    if (objective === 'affinity') return s.fit;
    let g = s.fit;
    for (const n of s.covers) if (!this.covered.has(n)) g += weights.coverage * (needWeights[n] ?? 0);
    const org = s.expert.organization;
    if (org && (this.orgCount.get(org) ?? 0) >= maxSameOrganization) g -= weights.organization;
    return g;
  }

  add(s: Scored): void {
    const e = s.expert;
    this.members.push(e);
    if (isLocalTo(e, this.county)) this.locals++;
    for (const n of s.covers) this.covered.add(n);
    if (e.organization) this.orgCount.set(e.organization, (this.orgCount.get(e.organization) ?? 0) + 1);
  }

  /** Members filling an East–West place (H6: the leader only with `leaderCountsEast`), counted afresh: the leader may be named after joining. */
  get east(): number {
    if (!this.paired) return 0;
    return this.members.filter((m) => countsTowardEast(this.ctx, m, this.county, m === this.leader)).length;
  }

  isCovered(n: number): boolean {
    return this.covered.has(n);
  }
}

/** The candidate that fits and adds the most among those `want` accepts. */
type Pick = (want: (s: Scored) => boolean) => { s: Scored; gain: number } | undefined;

/** Settings of one greedy solve. */
export interface GreedySettings {
  startedAt: number;
  warnings?: readonly InputWarning[];
}

/** Builds the groups greedily and returns a checked result (without a bound: `upperBound` is infinite). */
export function solveGreedy(ctx: RoundContext, settings: GreedySettings): SolveResult {
  const index = indexPool(ctx);
  const load = new Int32Array(ctx.experts.length);
  const isFree = (pos: number): boolean => load[pos]! < capacityOf(ctx, ctx.experts[pos]!);
  const groups: ChosenGroup[] = [];
  const unmatched = new Map<string, Diagnosis>();
  // Every eligible expert of a county (as `eligibleExperts`, without testing each expert per county): the pool without local scientists, its own locals, less its vetoes.
  const open = ctx.experts.filter((e) => e.homeCounty === undefined && capacityOf(ctx, e) > 0);
  const allEligible = (county: County): readonly Expert[] => {
    const vetoed = [...(ctx.affinityByCounty.get(county.id)?.values() ?? [])].filter((a) => a.veto).map((a) => a.expertId);
    const base = vetoed.length === 0 ? open : open.filter((e) => !vetoed.includes(e.id));
    const locals = (ctx.localsByCounty.get(county.id) ?? []).filter((e) => isEligible(ctx, e, county));
    return locals.length === 0 ? base : [...base, ...locals];
  };

  for (const county of ctx.counties) {
    let draft: Draft | undefined;
    let stuck: string | undefined;
    for (const scale of [1, 4]) {
      const pool = countyPool(ctx, index, county, { perKey: POOL.perKey * scale, minLeaders: POOL.minLeaders * scale, usable: isFree, spent: (pos) => !isFree(pos) });
      draft = new Draft(ctx, county);
      stuck = buildGroup(ctx, county, draft, pool);
      if (stuck === undefined) break;
    }
    if (stuck === undefined && draft?.leader) {
      for (const e of draft.members) load[ctx.expertIndex.get(e.id)!]!++;
      groups.push({ county, leader: draft.leader, members: draft.members });
      continue;
    }
    // A county that cannot be matched even alone gets the library's diagnosis; otherwise earlier counties took what it needed.
    const alone = diagnoseCounty(ctx, county, allEligible(county));
    unmatched.set(county.id, alone ?? { reasonCode: 'competition', detail: `${county.name || county.id}: greedy baseline stuck (${stuck ?? 'no leader'}): earlier counties took the experts it needed` });
  }
  return assembleResult({
    ctx, groups, unmatched, solver: 'greedy', startedAt: settings.startedAt, warnings: settings.warnings ?? [],
    status: groups.length > 0 ? 'feasible' : 'infeasible',
    upperBound: Number.POSITIVE_INFINITY,
    matchableUpperBound: ctx.counties.length - [...unmatched.values()].filter((d) => d.reasonCode !== 'competition').length,
  });
}

/** Fills the draft step by step from the county's pool; returns what it got stuck on, or undefined when the group is complete. */
function buildGroup(ctx: RoundContext, county: County, draft: Draft, pool: readonly Scored[]): string | undefined {
  const needs = needsOf(ctx, county.id);
  const needWeights = needs.map((n) => n.weight);
  const best: Pick = (want) => {
    let top: { s: Scored; gain: number } | undefined;
    for (const s of pool) {
      if (!want(s) || !draft.fits(s.expert)) continue;
      const gain = draft.gain(s, needWeights);
      if (!top || gain > top.gain) top = { s, gain };
    }
    return top;
  };
  // H9: pinned experts first, with their roles.
  const pins = pinsOf(ctx, county.id);
  for (const pin of pins) {
    const s = pool.find((x) => x.expert.id === pin.expertId);
    if (!s || !draft.fits(s.expert)) return `pinned expert ${pin.expertId} is not available`;
    draft.add(s);
    if (pin.role === 'leader') draft.leader = s.expert;
  }
  const mayNotLead = new Set(pins.filter((p) => p.role !== undefined && p.role !== 'leader').map((p) => p.expertId));
  // H4: the leader, from the pins or the best free leader-capable expert.
  if (!draft.leader) {
    const inGroup = draft.members.find((e) => canLead(ctx, e, county) && !mayNotLead.has(e.id));
    if (inGroup) draft.leader = inGroup;
    else {
      const pick = best((s) => canLead(ctx, s.expert, county));
      if (!pick) return 'no free leader-capable expert';
      draft.add(pick.s);
      draft.leader = pick.s.expert;
    }
  }
  // H5: local scientists.
  while (draft.locals < ctx.options.localMin) {
    const pick = best((s) => isLocalTo(s.expert, county));
    if (!pick) return 'no free local scientist';
    draft.add(pick.s);
  }
  // H6: East–West members.
  if (partnersOf(ctx, county).length > 0) {
    while (draft.east < ctx.options.eastMin) {
      const pick = best((s) => isEastFor(ctx, s.expert, county));
      if (!pick) return 'no free East–West expert';
      draft.add(pick.s);
    }
  }
  // H7: a holder for each required need still uncovered.
  for (const [n, need] of needs.entries()) {
    if (!need.required || draft.isCovered(n)) continue;
    const pick = best((s) => s.covers.includes(n));
    if (!pick) return `no free holder of required need ${need.industry}/${need.stage}`;
    draft.add(pick.s);
  }
  // H3: fill to the minimum, sparing leader-capable experts for later counties while others are free; then add while it pays.
  const notLeader = (s: Scored): boolean => !canLead(ctx, s.expert, county);
  while (draft.members.length < draft.size.min) {
    const pick = best(notLeader) ?? best(() => true);
    if (!pick) return `only ${draft.members.length} free experts fit; the group needs ${draft.size.min}`;
    draft.add(pick.s);
  }
  while (draft.members.length < draft.size.max) {
    const pick = best(notLeader);
    if (!pick || pick.gain <= 0) break;
    draft.add(pick.s);
  }
  return undefined;
}

/**
 * The simple bound of `bounds.ts`: Σ over the counties that can be matched
 * alone (all but `cannotMatch`, which `diagnoseCounty` refused on the
 * full candidate list) of their best group ignoring every other county
 * (`countyScoreRange(...).max`). Experts outside `positiveFitCandidates`
 * have a fit of exactly 0 and leave that maximum unchanged.
 */
export function simpleBound(ctx: RoundContext, cannotMatch: ReadonlySet<string>, index: PoolIndex = indexPool(ctx)): number {
  let bound = 0;
  for (const county of ctx.counties) {
    if (!cannotMatch.has(county.id)) bound += countyScoreRange(ctx, county, positiveFitCandidates(ctx, index, county)).max;
  }
  return bound;
}
