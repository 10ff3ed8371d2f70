/**
 * 动态管理: repairing a result after experts withdraw, with as few changes
 * as possible.
 *
 * 1. The withdrawn experts get capacity 0 (their pins are dropped); every
 *    group that did not lose a member stays exactly as it was.
 * 2. Each group that lost a member is re-formed from its remaining members
 *    and the free experts only (exact one-county model over a short list;
 *    remaining members are kept before any gain of score, the leader stays
 *    leader).
 *    When that exact model (over a short list) finds nothing, a greedy
 *    search over every free expert tries to complete the remaining members.
 * 3. A group that cannot be re-formed so may take a member from one other
 *    group (then two): the donor re-forms too, both from free experts, each
 *    keeping as many of its members as it can. Donors are tried best first
 *    (a member of the missing kind whose loss costs the donor least), and
 *    the move that keeps the most members wins.
 * 4. When that fails too, the group is kept with a flagged vacancy (动态管理):
 *    its other members stay unchanged and hold their places, the county is
 *    reported `vacancy` with what to recruit (`src/rules/vacancy.ts`), and
 *    the kept members are written to vacancies.csv. Only a group that lost
 *    every member is dissolved, the county left unmatched with its reason.
 *    A kept group is not matched and scores nothing.
 * 5. Groups kept with a vacancy by an earlier repair are refilled from free
 *    experts when they can be (a `fill` in the ledger), never from other
 *    groups; at the end every kept group is tried once more against the
 *    experts then free, with the checker's own search, so that `check`
 *    cannot complete a group the repair left vacant.
 *
 * Every change is listed (county, expert, added or removed, role, why), and
 * the result passes `checkSolution` through `assembleResult`.
 */
import { InputError, isNonEmpty, type InputIssue } from '../model/issues.js';
import type { SolveResult } from '../model/result.js';
import { InstanceSchema, type County, type Expert, type Instance, type InstanceInput, type Pin, type Status } from '../model/schemas.js';
import type { Role } from '../model/vocabulary.js';
import { validateInstance } from '../io/validate.js';
import { buildContext, pinsOf, type RoundContext } from '../rules/context.js';
import { isEligible } from '../rules/eligibility.js';
import { roleOf } from '../rules/roles.js';
import { checkWithContext } from '../check/check-solution.js';
import { countyLabel, diagnoseCountyIndexed, type Diagnosis } from '../explain/diagnose.js';
import { buildPoolIndex, leaderKind, needKind, provinceKind, type PoolIndex } from '../explain/pool-index.js';
import { memberFit } from '../objective/score.js';
import { roundScoreCeiling } from '../objective/bounds.js';
import { findGaps, type Gaps } from '../recruit/gaps.js';
import { canLead } from '../rules/h4-leader.js';
import { isEastFor } from '../rules/h6-east-west.js';
import { expertCovers } from '../rules/h7-required-needs.js';
import { assembleResult } from '../solve/assemble.js';
import { hashInstance } from '../model/instance-hash.js';
import type { InvalidInput } from '../solve/solve.js';
import { solveLocal, type LocalAnswer } from './local-model.js';
import { withdrawnInLedger } from '../io/ledger-events.js';
import { optionsFor, type RoundOptions } from './prepare.js';
import { mergeCandidates, shortlist } from './shortlist.js';
import { GroupState, type HeldGroup, type PriorResult, type VacantGroup } from './state.js';
import { changedCounties, describeChanges, type ChangeLogInput, type GroupBefore, type RepairChange } from './change-log.js';
import { freeCandidates, witnessGroup } from '../check/verify-unmatched.js';
import { isValidGroup, leaderAmong } from '../rules/group-validity.js';
import { shortfallOf, VACANCY_WHY_SEPARATOR, vacancyStatement } from '../rules/vacancy.js';

/** What withdraws. */
export interface RepairSpec {
  /** Ids of the experts who withdraw. */
  withdraw: readonly string[];
  /** Most other groups one county may take members from. Default 2. */
  maxDonors?: number;
}

/** The repaired result and what changed. */
export interface RepairOutcome {
  result: SolveResult;
  /** Every change, by county (round order), removals first. */
  changes: RepairChange[];
  /** Counties that lost a member to a withdrawal. */
  affected: string[];
  /** Counties whose group changed (affected ones and donors), or that lost their group. */
  changedCounties: string[];
  /** Affected counties left unmatched (their group lost every member). */
  lost: string[];
  /** Counties whose group is kept with a vacancy after the repair (new ones and earlier ones not filled), in round order. */
  vacant: string[];
  /** Earlier vacancies filled by this repair, in round order. */
  filled: string[];
  /** The experts of `withdraw`, without repeats, in the order given (the ledger's `leave … withdrew` and `withdraw` events). */
  withdrawn: string[];
  /**
   * The pins the repaired result keeps: the prior result's (its own
   * pinned.csv, else the input's) without those of withdrawn experts.
   * Written into the repaired folder as pinned.csv, so that `check` judges
   * H9 against them rather than against the input's, which still pin the
   * experts who left.
   */
  pins: Pin[];
}

/** The result to repair: a `PriorResult`, with the pins it records when it has a pinned.csv of its own (a repaired result). */
export type RepairPrior = PriorResult & { readonly pinned?: readonly Pin[] };

const pinKey = (p: Pin): string => `${p.countyId}\u0000${p.expertId}`;

const invalid = (message: string, field = 'expert_id'): InvalidInput => ({ status: 'invalid', issues: [{ code: 'unknown-reference', file: 'withdraw', line: 0, field, message }] });

/**
 * Repairs a result after experts withdraw (see the module comment). Options
 * default to those the result was solved with. Returns `{ status:
 * 'invalid', issues }` for bad input: an unknown expert id, or a result
 * that does not pass `checkSolution` on this instance.
 * @example
 * const out = await repair(instance, result, { withdraw: ['E0042'] });
 * if (!('status' in out)) console.log(out.changes);
 */
export async function repair(instance: Instance | InstanceInput, prior: RepairPrior, spec: RepairSpec, options?: RoundOptions): Promise<RepairOutcome | InvalidInput> {
  const startedAt = Date.now();
  const opts = optionsFor(prior, options);
  const parsed = InstanceSchema.safeParse(instance);
  if (!parsed.success) return { status: 'invalid', issues: [{ code: 'bad-value', file: 'instance', line: 0, field: '', message: parsed.error.message }] };
  const checked = validateInstance(parsed.data, { keyCounties: opts.keyCounties, leaderLevels: opts.leaderLevels, defaultCapacity: opts.defaultCapacity });
  if (isNonEmpty(checked.issues)) return { status: 'invalid', issues: checked.issues };
  // A repaired result records its own pins (a subset of the input's): those are what it must keep.
  const inputPins = new Set(checked.instance.pins.map(pinKey));
  const strayPin = prior.pinned?.find((p) => !inputPins.has(pinKey(p)));
  if (strayPin !== undefined) return { status: 'invalid', issues: [{ code: 'inconsistent-pin', file: 'pinned.csv', line: 0, field: 'expert_id', message: `the result's pinned.csv pins ${strayPin.expertId} to ${strayPin.countyId}, which the input's pinned.csv does not` }] };
  const priorPins = prior.pinned === undefined ? checked.instance.pins : [...prior.pinned];
  const original = buildContext({ ...checked.instance, pins: priorPins }, opts);
  const withdrawn = new Set(spec.withdraw);
  for (const id of withdrawn) if (!original.expertById.has(id)) return invalid(`expert ${id} is not in experts.csv; check the --withdraw list`);

  const priorUnmatched = prior.unmatched ?? [];
  const matched = new Set(prior.assignments.map((a) => a.countyId));
  const unmatchedRows = priorUnmatched.length > 0 || matched.size === original.counties.length
    ? priorUnmatched
    : original.counties.filter((c) => !matched.has(c.id)).map((c) => ({ countyId: c.id, reasonCode: 'not-solved' as const, detail: '' }));
  const report = checkWithContext(original, { assignments: prior.assignments, unmatched: unmatchedRows, ...(prior.vacancies ? { vacancies: prior.vacancies } : {}) });
  if (!report.ok) {
    const issues = report.violations.map((v): InputIssue => ({ code: 'inconsistent-pin', file: 'result', line: 0, field: '', message: `the result to repair breaks ${v.rule}: ${v.message}` }));
    if (isNonEmpty(issues)) return { status: 'invalid', issues };
  }

  // Experts an earlier repair recorded as withdrawn (the ledger) who serve nowhere stay out, as in `check`.
  const serving = new Set([...prior.assignments, ...(prior.vacancies ?? [])].map((a) => a.expertId));
  const gone = new Set([...withdrawn, ...[...withdrawnInLedger(prior.ledger ?? [])].filter((id) => !serving.has(id))]);
  // The round as it now stands: withdrawn experts serve nobody; their pins go with them.
  const round: Instance = {
    ...checked.instance,
    experts: checked.instance.experts.map((e) => (gone.has(e.id) ? { ...e, capacity: 0 } : e)),
    pins: priorPins.filter((p) => !withdrawn.has(p.expertId)),
  };
  const ctx = buildContext(round, opts);
  const index = buildPoolIndex(ctx);
  const state = GroupState.fromResult(ctx, prior);
  const droppedPins = new Set(priorPins.filter((p) => withdrawn.has(p.expertId)).map(pinKey));
  const repairer = new Repairer(ctx, index, state, spec.maxDonors ?? 2, droppedPins);
  await repairer.run(withdrawn);

  const unmatched = new Map<string, Diagnosis>();
  for (const u of unmatchedRows) if (!state.group(u.countyId)) unmatched.set(u.countyId, { reasonCode: u.reasonCode, detail: u.detail });
  for (const [id, d] of repairer.lostReasons) unmatched.set(id, d);
  // Every kept group's detail is written from its members as they end up (the checker recomputes the statement).
  for (const v of state.vacancies()) unmatched.set(v.county.id, { reasonCode: 'vacancy', detail: vacancyDetail(ctx, index, state, v) });
  const vacancies = state.vacancyRows();
  const unchanged = repairer.changedCounties().length === 0;
  const priorStatus: Status = prior.summary?.status ?? 'feasible';
  const bound = prior.summary && Number.isFinite(prior.summary.upperBound) && options === undefined
    ? { upperBound: prior.summary.upperBound, matchableUpperBound: prior.summary.matchableUpperBound }
    : { upperBound: looseBound(ctx), matchableUpperBound: ctx.counties.length };
  const result = assembleResult({
    ctx,
    groups: state.chosen(),
    unmatched,
    // Withdrawing experts only removes options, so an untouched optimum stays optimal; a repaired one is only feasible.
    status: unchanged && priorStatus === 'optimal' ? 'optimal' : priorStatus === 'infeasible' && state.groups().length === 0 ? 'infeasible' : 'feasible',
    ...bound,
    solver: `repair of ${prior.summary?.solver ?? 'an earlier result'}`,
    startedAt,
    ...(vacancies.length > 0 ? { vacancies } : {}),
    warnings: checked.warnings,
    // The fingerprint of the input as given (what `check` reads), not of the round with the withdrawals applied.
    inputHash: hashInstance(checked.instance),
  });
  const once = spec.withdraw.filter((id, i) => spec.withdraw.indexOf(id) === i);
  // Withdrawn experts who served nowhere leave the pool: listed first, so that a reader knows they are not free.
  const fromPool = once.filter((id) => !repairer.leftAGroup(id)).sort().map((expertId): RepairChange => ({ countyId: '', expertId, change: 'withdrawn', role: '', reason: 'withdrew (served no group: leaves the pool)' }));
  return {
    result, changes: [...fromPool, ...repairer.sortedChanges()], affected: repairer.affected.map((c) => c.id), changedCounties: repairer.changedCounties(), lost: [...repairer.lostReasons.keys()],
    vacant: state.vacancies().map((v) => v.county.id), filled: repairer.filled(), withdrawn: once, pins: round.pins,
  };
}

/** `repair` that throws `InputError` on bad input. */
export async function repairOrThrow(instance: Instance | InstanceInput, prior: RepairPrior, spec: RepairSpec, options?: RoundOptions): Promise<RepairOutcome> {
  const r = await repair(instance, prior, spec, options);
  if ('status' in r) throw new InputError(r.issues);
  return r;
}

/** A bound on the soft score of any valid result: `roundScoreCeiling`, kept under this name for callers of 0.1. */
export const looseBound: (ctx: RoundContext) => number = roundScoreCeiling;

/** The repair's working state and its log of changes. */
class Repairer {
  readonly affected: County[] = [];
  readonly lostReasons = new Map<string, Diagnosis>();
  private readonly changes: RepairChange[] = [];
  private readonly before = new Map<string, GroupBefore | undefined>();
  /** Counties kept with a vacancy by an earlier result, at the start. */
  private readonly earlierVacant = new Set<string>();
  private readonly withdrawnFrom = new Map<string, { expert: Expert; role: Role }[]>();

  /** Affected counties not yet re-formed: their groups are incomplete, so they lend nobody. */
  private readonly pending = new Set<string>();

  constructor(
    private readonly ctx: RoundContext, private readonly index: PoolIndex, private readonly state: GroupState,
    private readonly maxDonors: number, private readonly droppedPins: ReadonlySet<string>,
  ) {}

  async run(withdrawn: ReadonlySet<string>): Promise<void> {
    const { ctx, state } = this;
    for (const v of state.vacancies()) this.earlierVacant.add(v.county.id);
    // 1. Remove the withdrawn members; keep what remains of each group in place, so its members keep their places.
    for (const g of [...state.groups(), ...state.vacancies()]) {
      const gone = g.members.filter((e) => withdrawn.has(e.id));
      if (gone.length === 0) continue;
      this.affected.push(g.county);
      this.remember(g.county);
      this.withdrawnFrom.set(g.county.id, gone.map((e) => ({ expert: e, role: roleOf(ctx, e, g.county, e === g.leader) })));
      for (const w of this.withdrawnFrom.get(g.county.id)!) {
        const pinned = this.droppedPins.has(`${g.county.id}\u0000${w.expert.id}`);
        this.changes.push({ countyId: g.county.id, expertId: w.expert.id, change: 'removed', role: w.role, reason: pinned ? 'withdrew (its pin is dropped)' : 'withdrew' });
      }
      this.pending.add(g.county.id);
      const rest = g.members.filter((e) => !withdrawn.has(e.id));
      const leader = g.leader !== undefined && rest.includes(g.leader) ? g.leader : undefined;
      if (rest.length === 0) state.remove(g.county.id);
      else if (this.earlierVacant.has(g.county.id)) state.setVacant({ county: g.county, members: rest, ...(leader ? { leader } : {}) });
      else state.set({ county: g.county, leader: leader ?? rest[0]!, members: rest });
    }
    // 2. Refill from free experts only (earlier vacancies too); 3. then with members of other groups.
    const failing: County[] = [];
    for (const c of this.affected) {
      if (await this.refill(c)) this.pending.delete(c.id);
      else failing.push(c);
    }
    for (const v of state.vacancies()) {
      if (this.pending.has(v.county.id)) continue;
      this.remember(v.county);
      if (!(await this.refill(v.county))) this.forget(v.county);
    }
    for (const c of failing) {
      if (this.earlierVacant.has(c.id) || !(await this.borrow(c))) this.keepOrDissolve(c);
      this.pending.delete(c.id);
    }
    // 5. A last try for every kept group against the experts free now, with the checker's own search.
    await this.completeVacancies();
  }

  private remember(county: County): void {
    if (this.before.has(county.id)) return;
    const vacant = this.state.vacant(county.id);
    this.before.set(county.id, vacant ? { ...vacant, vacant: true } : this.state.group(county.id));
  }

  /** Undoes `remember` for a county left exactly as it was (an earlier vacancy not filled). */
  private forget(county: County): void {
    if (!this.affected.includes(county)) this.before.delete(county.id);
  }

  private remaining(county: County): { members: Expert[]; leader?: Expert } {
    const g = this.state.group(county.id) ?? this.state.vacant(county.id);
    if (!g) return { members: [] };
    const lostLeader = (this.withdrawnFrom.get(county.id) ?? []).some((w) => w.role === 'leader');
    return { members: [...g.members], ...(lostLeader || g.leader === undefined ? {} : { leader: g.leader }) };
  }

  private pinned(county: County): Expert[] {
    return pinsOf(this.ctx, county.id).map((p) => this.ctx.expertById.get(p.expertId)).filter((e): e is Expert => e !== undefined);
  }

  /** Places of an expert for a set of counties being re-formed together. */
  private placesFor(counties: readonly County[]): (e: Expert) => number {
    const held = counties.map((c) => this.state.group(c.id)?.members ?? this.state.vacant(c.id)?.members ?? []);
    return (e) => this.state.free(e) + held.reduce((n, members) => n + (members.includes(e) ? 1 : 0), 0);
  }

  private async refill(county: County): Promise<boolean> {
    const { ctx, index, state } = this;
    const rest = this.remaining(county);
    const places = this.placesFor([county]);
    const list = shortlist(index, county, (e) => state.free(e) > 0);
    const answer = await solveLocal(ctx, {
      counties: [county],
      candidates: new Map([[county.id, mergeCandidates(ctx, rest.members, list, this.pinned(county))]]),
      places,
      mustMatch: new Set([county.id]),
      keep: new Map([[county.id, new Set(rest.members)]]),
      ...(rest.leader ? { leaders: new Map([[county.id, rest.leader]]) } : {}),
    });
    if (answer.ok) {
      this.apply(answer, [county]);
      return true;
    }
    // The exact model saw a short list only: a greedy search over every free expert, keeping every remaining member.
    return this.complete(county);
  }

  /** Completes the county's remaining members from free experts by the checker's search (`witnessGroup`); true when it did. */
  private complete(county: County): boolean {
    const { ctx, state } = this;
    const rest = this.remaining(county);
    if (rest.members.length === 0) return false;
    const load = new Map(ctx.experts.map((e) => [e.id, state.load(e)]));
    const found = witnessGroup(ctx, county, freeCandidates(ctx, county, load), rest.members);
    if (!found) return false;
    const leader = rest.leader !== undefined && isValidGroup(ctx, county, found, rest.leader) ? rest.leader : found[0]!;
    state.set({ county, leader, members: found });
    this.gapCache.clear();
    return true;
  }

  /** Step 5: every kept group once more, until none can be completed from the experts free. */
  private async completeVacancies(): Promise<void> {
    for (let changed = true; changed;) {
      changed = false;
      for (const v of this.state.vacancies()) {
        this.remember(v.county);
        if (this.complete(v.county)) changed = true;
        else this.forget(v.county);
      }
    }
  }

  /** Earlier vacancies this repair filled, in round order. */
  filled(): string[] {
    return this.ctx.counties.filter((c) => this.earlierVacant.has(c.id) && this.state.group(c.id) !== undefined).map((c) => c.id);
  }

  /** True when the expert withdrew from a group in this repair. */
  leftAGroup(expertId: string): boolean {
    return this.changes.some((c) => c.expertId === expertId && c.change === 'removed');
  }

  /** Donor groups worth asking, best first: they hold a member of a kind the county lacks, not pinned there. */
  private donors(county: County): { donors: County[]; missing: number } {
    const { ctx, index, state } = this;
    const gaps = findGaps(index, county, (e) => state.free(e) > 0);
    const missing = (gaps.leader ? 1 : 0) + gaps.east + gaps.needs.length;
    const kinds = [
      ...(gaps.leader ? [leaderKind(index)] : []),
      ...(gaps.east > 0 ? [provinceKind(index, gaps.partners)] : []),
      ...gaps.needs.map((n) => needKind(index, n)),
    ];
    const cost = new Map<string, number>();
    for (const g of state.groups()) {
      if (g.county === county || this.pending.has(g.county.id)) continue;
      const pinnedHere = new Set(pinsOf(ctx, g.county.id).map((p) => p.expertId));
      for (const e of g.members) {
        if (pinnedHere.has(e.id) || !isEligible(ctx, e, county)) continue;
        // Without a missing kind (only the size, or a combination), any member may help.
        if (kinds.length > 0 && !kinds.some((k) => k.has(e, county))) continue;
        if (!this.canSpare(g, e)) continue;
        const loss = memberFit(ctx, e, g.county).fit - memberFit(ctx, e, county).fit;
        const had = cost.get(g.county.id);
        if (had === undefined || loss < had) cost.set(g.county.id, loss);
      }
    }
    const order = ctx.countyIndex;
    return { donors: [...cost].sort((a, b) => a[1] - b[1] || order.get(a[0])! - order.get(b[0])!).map(([id]) => ctx.countyById.get(id)!), missing };
  }

  /** Gaps of each group's county among free experts, until the next change of the state. */
  private gapCache = new Map<string, Gaps>();

  private freeGaps(county: County): Gaps {
    let g = this.gapCache.get(county.id);
    if (!g) this.gapCache.set(county.id, (g = findGaps(this.index, county, (e) => this.state.free(e) > 0)));
    return g;
  }

  /**
   * A cheap necessary condition for a donor to give a member up: whatever
   * the member is for the donor (its only possible leader, an East–West
   * place, the only holder of a required need) is left to it by another
   * member or a free expert. Saves exact solves that cannot succeed.
   */
  private canSpare(donor: HeldGroup, e: Expert): boolean {
    const { ctx } = this;
    const d = donor.county;
    const others = donor.members.filter((m) => m !== e);
    const gaps = this.freeGaps(d);
    if (canLead(ctx, e, d) && gaps.leader && !others.some((m) => canLead(ctx, m, d))) return false;
    if (gaps.partners.length > 0 && isEastFor(ctx, e, d)) {
      const east = others.filter((m) => isEastFor(ctx, m, d)).length;
      if (east + (ctx.options.eastMin - gaps.east) < ctx.options.eastMin) return false;
    }
    for (const n of gaps.needs) if (expertCovers(ctx, e, n) && !others.some((m) => expertCovers(ctx, m, n))) return false;
    return true;
  }

  private async borrow(county: County): Promise<boolean> {
    const { donors: ranked, missing } = this.donors(county);
    const singles = ranked.slice(0, 8).map((d) => [d]);
    // Two donors help where two members are missing (or the gap is no single kind): one member of one kind comes from one donor.
    const pairs: County[][] = [];
    const top = missing === 1 ? [] : ranked.slice(0, 4);
    for (let i = 0; i < top.length; i++) for (let j = i + 1; j < top.length; j++) pairs.push([top[i]!, top[j]!]);
    for (const sets of this.maxDonors >= 2 ? [singles, pairs] : [singles]) {
      let best: { answer: Extract<LocalAnswer, { ok: true }>; donors: County[] } | undefined;
      for (const donors of sets) {
        const answer = await this.tryDonors(county, donors);
        if (answer && (!best || answer.kept > best.answer.kept || (answer.kept === best.answer.kept && answer.score > best.answer.score + 1e-9))) best = { answer, donors };
      }
      if (best) {
        for (const d of best.donors) this.remember(d);
        this.apply(best.answer, [county, ...best.donors]);
        return true;
      }
    }
    return false;
  }

  private async tryDonors(county: County, donors: readonly County[]): Promise<Extract<LocalAnswer, { ok: true }> | undefined> {
    const { ctx, index, state } = this;
    const all = [county, ...donors];
    const rest = this.remaining(county);
    const free = (e: Expert): boolean => state.free(e) > 0;
    const donorMembers = donors.flatMap((d) => state.group(d.id)?.members ?? []);
    const candidates = new Map<string, Expert[]>();
    candidates.set(county.id, mergeCandidates(ctx, rest.members, shortlist(index, county, free), donorMembers.filter((e) => isEligible(ctx, e, county)), this.pinned(county)));
    const keep = new Map<string, Set<Expert>>([[county.id, new Set(rest.members)]]);
    const leaders = new Map<string, Expert>(rest.leader ? [[county.id, rest.leader]] : []);
    const keepLeaders = new Map<string, Expert>();
    for (const d of donors) {
      const g = state.group(d.id)!;
      candidates.set(d.id, mergeCandidates(ctx, g.members, shortlist(index, d, free), this.pinned(d)));
      keep.set(d.id, new Set(g.members));
      keepLeaders.set(d.id, g.leader);
    }
    const answer = await solveLocal(ctx, { counties: all, candidates, places: this.placesFor(all), mustMatch: new Set(all.map((c) => c.id)), keep, keepLeaders, leaders });
    return answer.ok ? answer : undefined;
  }

  private apply(answer: Extract<LocalAnswer, { ok: true }>, counties: readonly County[]): void {
    for (const c of counties) this.state.set(answer.groups.get(c.id)!);
    this.gapCache.clear();
  }

  /** Step 4: keeps the remaining members with a vacancy; dissolves a group that has none left. */
  private keepOrDissolve(county: County): void {
    const { ctx, state } = this;
    const rest = this.remaining(county);
    if (rest.members.length === 0) {
      this.dissolve(county);
      return;
    }
    // A remaining member who may lead takes over (the pinned leader first), as in a refill; else nobody leads and the leader is a vacant place.
    const leader = rest.leader ?? leaderAmong(ctx, county, rest.members);
    state.setVacant({ county, members: rest.members, ...(leader ? { leader } : {}) });
    this.gapCache.clear();
  }

  private dissolve(county: County): void {
    const { index, state } = this;
    state.remove(county.id);
    this.gapCache.clear();
    const alone = diagnoseCountyIndexed(index, county);
    this.lostReasons.set(county.id, alone ?? {
      reasonCode: 'competition',
      detail: `${countyLabel(county)}: after the withdrawal its group could not be re-formed from free experts, nor by taking a member from up to ${this.maxDonors} other groups`,
    });
  }

  /** Counties whose group differs from the start, in round order. */
  changedCounties(): string[] {
    return changedCounties(this.log());
  }

  /** The change log, by county. */
  sortedChanges(): RepairChange[] {
    return describeChanges(this.log());
  }

  private log(): ChangeLogInput {
    return { ctx: this.ctx, state: this.state, before: this.before, withdrawnFrom: this.withdrawnFrom, lostReasons: this.lostReasons, withdrawals: this.changes, affected: this.affected };
  }
}

/**
 * The detail of a kept group in unmatched.csv: the statement the checker
 * recomputes (`vacancyStatement`: who is kept, what to recruit), then why
 * no replacement was found among the experts free.
 */
function vacancyDetail(ctx: RoundContext, index: PoolIndex, state: GroupState, v: VacantGroup): string {
  const gaps = findGaps(index, v.county, (e) => state.free(e) > 0);
  const name = v.county.name || v.county.id;
  const why: string[] = [];
  const s = shortfallOf(ctx, v.county, v.members, v.leader);
  if (s.leader && gaps.leader) why.push('no free expert may lead it');
  if (s.locals > 0 && gaps.locals > 0) why.push(`no other local scientist of ${name} is free`);
  if (s.east > 0 && gaps.east > 0) why.push(`too few scientists from ${gaps.partners.join('/')} are free`);
  const needs = s.needs.filter((n) => gaps.needs.includes(n));
  if (needs.length > 0) why.push(`no free expert holds ${needs.map((n) => `${n.industry}/${n.stage}`).join(', ')}`);
  const because = why.length > 0 ? why.join('; ') : 'the free experts cannot complete it together (an exact re-solve over a short list and a search over every free expert found no valid group)';
  return `${vacancyStatement(ctx, v.county, v.members, v.leader)}${VACANCY_WHY_SEPARATOR}${because}`;
}
