/**
 * 成熟一批、匹配一批: solving one batch of counties with the groups of
 * earlier batches standing (H9).
 *
 * The earlier groups come from `previous` (an earlier result: a
 * `SolveResult`, a results folder read back, or its assignments), else from
 * pinned.csv: a county outside the batch whose pins form a complete valid
 * group is an earlier group. Earlier groups are never changed; the experts
 * in them lose those places (H2); pins of counties of later batches keep
 * their places too. The batch is solved by `solve` on the batch alone, with
 * the pins of its counties (pinned.csv, and any assignments `previous` has
 * for them). The result is the full current picture of the round: the
 * earlier groups unchanged, the batch's groups, the batch's unmatched
 * counties with their reasons, earlier unmatched counties as `previous` left
 * them (unless they have pins that verdict did not hold to), and counties of
 * other batches as `not-solved` ("waits for batch 3"). It is checked with
 * every pin of the round, as `check` will check the written folder.
 * The summary's solver reads `batch 2 of …`; its bound and gap are those of
 * the batch given the earlier groups. Groups `previous` keeps with a vacancy
 * (a repair's vacancies.csv) stand as they are, whatever their batch: their
 * members keep their places, and they are filled by `repair`, not here.
 */
import { resolveOptions } from '../model/options.js';
import { InputError, isNonEmpty, type InputIssue } from '../model/issues.js';
import type { SolveResult } from '../model/result.js';
import { InstanceSchema, type Assignment, type County, type Expert, type Instance, type InstanceInput, type Pin, type Unmatched } from '../model/schemas.js';
import { validateInstance } from '../io/validate.js';
import { buildContext, pinsOf, type RoundContext } from '../rules/context.js';
import { capacityOf } from '../rules/h2-capacity.js';
import { canLead } from '../rules/h4-leader.js';
import { roleOf } from '../rules/roles.js';
import { PIN_RELEASING_REASONS } from '../rules/h9-pins.js';
import { checkWithContext } from '../check/check-solution.js';
import type { Diagnosis } from '../explain/diagnose.js';
import { groupScore } from '../objective/score.js';
import { assembleResult, hashInstance, type ChosenGroup } from '../solve/assemble.js';
import { solve, type InvalidInput, type SolveOptions } from '../solve/solve.js';
import type { PriorResult } from './state.js';
import { withdrawnInLedger } from '../io/ledger-events.js';

/** Which batch to solve, and the result the earlier batches stand in. */
export interface BatchSpec {
  /** The batch label of counties.csv (e.g. `2`). */
  batch: string;
  /** The earlier result whose groups stand; without it, pinned.csv's complete groups of other counties do. */
  previous?: PriorResult | PriorResult['assignments'];
}

function issue(field: string, message: string): InputIssue {
  return { code: 'inconsistent-pin', file: 'previous result', line: 0, field, message };
}

function priorOf(previous: BatchSpec['previous']): PriorResult | undefined {
  if (previous === undefined) return undefined;
  return Array.isArray(previous) ? { assignments: previous } : (previous as PriorResult);
}

/** Earlier groups from pinned.csv: counties outside the batch whose pins alone form a valid group. */
function pinnedGroups(ctx: RoundContext, outside: readonly County[]): Pick<Assignment, 'countyId' | 'expertId' | 'role'>[] {
  const out: Pick<Assignment, 'countyId' | 'expertId' | 'role'>[] = [];
  for (const c of outside) {
    const pins = pinsOf(ctx, c.id);
    if (pins.length === 0) continue;
    const members = pins.map((p) => ctx.expertById.get(p.expertId)!);
    // The pinned leader, else the first member who may lead: labels then follow from what each member is.
    const leader = members.find((_e, i) => pins[i]!.role === 'leader') ?? members.find((e, i) => pins[i]!.role === undefined && canLead(ctx, e, c));
    if (!leader) continue;
    const rows = members.map((e) => ({ countyId: c.id, expertId: e.id, role: roleOf(ctx, e, c, e === leader) }));
    const report = checkWithContext(ctx, { assignments: rows, unmatched: [] });
    if (!report.violations.some((v) => v.countyId === c.id && v.rule !== 'H1')) out.push(...rows);
  }
  return out;
}

/**
 * Solves one batch with earlier groups standing. Returns `{ status:
 * 'invalid', issues }` for bad input, including an earlier result that
 * breaks a rule or names unknown ids, or a pin of the batch on an expert
 * whose places the earlier groups use up.
 * @example
 * const first = await solveBatch(instance, { batch: '1' });
 * const second = await solveBatch(instance, { batch: '2', previous: first as SolveResult });
 */
export async function solveBatch(instance: InstanceInput, spec: BatchSpec, options: SolveOptions = {}): Promise<SolveResult | InvalidInput> {
  const { onProgress, startedAt: given, ...rest } = options;
  // As in `solve`: the caller's start (the command's), else this call's.
  const startedAt = given ?? Date.now();
  const parsedOptions = resolveOptions(rest);
  const parsed = InstanceSchema.safeParse(instance);
  if (!parsed.success) return { status: 'invalid', issues: [{ code: 'bad-value', file: 'instance', line: 0, field: '', message: parsed.error.message }] };
  const checked = validateInstance(parsed.data, { keyCounties: parsedOptions.keyCounties, leaderLevels: parsedOptions.leaderLevels, defaultCapacity: parsedOptions.defaultCapacity });
  if (isNonEmpty(checked.issues)) return { status: 'invalid', issues: checked.issues };
  const full = checked.instance;
  const ctx = buildContext(full, parsedOptions);
  const prior = priorOf(spec.previous);
  // Groups kept with a vacancy stand, like earlier groups, whatever their batch.
  const kept = prior?.vacancies ?? [];
  const keptCounties = new Set(kept.map((v) => v.countyId));
  const inBatch = (c: County): boolean => c.batch === spec.batch && !keptCounties.has(c.id);
  const batchCounties = ctx.counties.filter(inBatch);
  if (!ctx.counties.some((c) => c.batch === spec.batch)) {
    const labels = [...new Set(ctx.counties.map((c) => c.batch).filter((b) => b !== undefined))].sort();
    return { status: 'invalid', issues: [{ code: 'bad-options', file: 'counties.csv', line: 0, field: 'batch', message: `no county has batch ${spec.batch}; the batches are ${labels.join(', ') || '(none: the batch column is empty)'}` }] };
  }

  // 1. Earlier groups and the pins the batch inherits.
  const earlierRows = prior ? prior.assignments.filter((a) => !batchCounties.some((c) => c.id === a.countyId)) : pinnedGroups(ctx, ctx.counties.filter((c) => !inBatch(c)));
  const inherited = prior ? prior.assignments.filter((a) => batchCounties.some((c) => c.id === a.countyId)) : [];
  const unknown = [...earlierRows, ...inherited, ...kept].flatMap((a) => [
    ...(ctx.countyById.has(a.countyId) ? [] : [issue('county_id', `the earlier result names county ${a.countyId}, which is not in the input`)]),
    ...(ctx.expertById.has(a.expertId) ? [] : [issue('expert_id', `the earlier result names expert ${a.expertId}, which is not in the input`)]),
  ]);
  if (isNonEmpty(unknown)) return { status: 'invalid', issues: unknown };
  const earlierCounties = new Set(earlierRows.map((a) => a.countyId));
  const keptUnmatched = (prior?.unmatched ?? []).filter((u) => keptCounties.has(u.countyId));
  const earlierCheck = checkWithContext(ctx, { assignments: earlierRows, unmatched: keptUnmatched, ...(kept.length > 0 ? { vacancies: kept } : {}) });
  // Each earlier group (and kept group, but its vacant places) must be valid on its own, pins included; capacities over all of them (H2 names no county).
  const broken = earlierCheck.violations.filter((v) => (v.countyId !== undefined ? (earlierCounties.has(v.countyId) || keptCounties.has(v.countyId)) && v.rule !== 'H1' : v.rule === 'H2'));
  if (isNonEmpty(broken)) return { status: 'invalid', issues: broken.map((v) => issue('', `an earlier group breaks ${v.rule}: ${v.message}`)) as [InputIssue, ...InputIssue[]] };

  // 2. Places used by earlier groups and reserved by pins of counties outside this run.
  const used = new Map<string, number>();
  for (const a of [...earlierRows, ...kept]) used.set(a.expertId, (used.get(a.expertId) ?? 0) + 1);
  // Experts the earlier result's ledger says withdrew, and who serve nowhere, get no place in this batch (as in `repair` and `check`).
  for (const id of withdrawnInLedger(prior?.ledger ?? [])) {
    const e = ctx.expertById.get(id);
    if (e && !used.has(id)) used.set(id, capacityOf(ctx, e));
  }
  for (const p of full.pins) {
    if (!inBatch(ctx.countyById.get(p.countyId)!) && !earlierCounties.has(p.countyId) && !keptCounties.has(p.countyId)) used.set(p.expertId, (used.get(p.expertId) ?? 0) + 1);
  }
  const batchPins = dedupePins([...full.pins.filter((p) => batchCounties.some((c) => c.id === p.countyId)), ...inherited.map((a) => ({ countyId: a.countyId, expertId: a.expertId, role: a.role }))]);
  const over: InputIssue[] = [];
  const pinLoad = new Map<string, number>();
  for (const p of batchPins) pinLoad.set(p.expertId, (pinLoad.get(p.expertId) ?? 0) + 1);
  for (const [id, n] of pinLoad) {
    const e = ctx.expertById.get(id)!;
    const left = capacityOf(ctx, e) - (used.get(id) ?? 0);
    if (n > left) over.push(issue('expert_id', `expert ${id} is pinned to ${n} county(ies) of batch ${spec.batch}, but earlier groups and other pins use ${used.get(id) ?? 0} of its ${capacityOf(ctx, e)} place(s) (H2); remove a pin or raise the capacity`));
  }
  if (isNonEmpty(over)) return { status: 'invalid', issues: over };

  // 3. The batch alone, with reduced capacities.
  const sub = batchInstance(ctx, full, batchCounties, batchPins, used);
  // S3 normalizes affinity from the round's range: the batch's own rows may span less, so the whole round's is declared.
  const range = ctx.affinityRange;
  const scale = rest.affinityScale ?? (range.max > range.min ? { min: range.min, max: range.max } : undefined);
  const inner = await solve(sub, { ...rest, ...(scale ? { affinityScale: scale } : {}), startedAt, ...(onProgress ? { onProgress } : {}) });
  if (inner.status === 'invalid') return inner;

  // 4. The full picture, checked against the round.
  const groups: ChosenGroup[] = [];
  const byCounty = new Map<string, { leader?: Expert; members: Expert[] }>();
  for (const a of [...earlierRows, ...inner.assignments]) {
    let g = byCounty.get(a.countyId);
    if (!g) byCounty.set(a.countyId, (g = { members: [] }));
    const e = ctx.expertById.get(a.expertId)!;
    g.members.push(e);
    if (a.role === 'leader') g.leader = e;
  }
  for (const c of ctx.counties) {
    const g = byCounty.get(c.id);
    if (g?.leader) groups.push({ county: c, leader: g.leader, members: g.members });
  }
  const unmatched = new Map<string, Diagnosis>();
  for (const u of inner.unmatched) unmatched.set(u.countyId, { reasonCode: u.reasonCode, detail: u.detail });
  const priorUnmatched = new Map((prior?.unmatched ?? []).map((u) => [u.countyId, u]));
  for (const u of keptUnmatched) unmatched.set(u.countyId, { reasonCode: u.reasonCode, detail: u.detail });
  for (const c of ctx.counties) {
    if (byCounty.has(c.id) || unmatched.has(c.id)) continue;
    unmatched.set(c.id, outOfRunReason(ctx, c, spec.batch, inBatch(c) ? undefined : priorUnmatched.get(c.id)));
  }
  // Checked against the whole round, every pin included: what `check` will read back from the folder.
  const earlierScore = groups.filter((g) => earlierCounties.has(g.county.id)).reduce((s, g) => s + groupScore(ctx, g.county, g.members, g.leader.id).total, 0);
  const result = assembleResult({
    ctx,
    groups,
    unmatched,
    status: inner.status,
    upperBound: earlierScore + inner.summary.upperBound,
    matchableUpperBound: earlierCounties.size + inner.summary.matchableUpperBound,
    solver: `batch ${spec.batch} of ${inner.summary.solver}`,
    startedAt,
    ...(kept.length > 0 ? { vacancies: kept } : {}),
    warnings: [...checked.warnings, ...inner.warnings],
  });
  result.summary.inputHash = hashInstance(full);
  return result;
}

/**
 * Why a county outside this run has no group. The earlier result's verdict
 * stands, unless the county has pins that verdict did not hold to (H9 lets
 * a county's pins be absent only when it is `pinned-infeasible` or
 * `not-solved`; pinned.csv may have gained them since): then, like a county
 * the earlier result never solved, it waits for a run of its own batch.
 * A `not-solved` row is written afresh, so that it names this run.
 */
function outOfRunReason(ctx: RoundContext, county: County, batch: string, earlier: Unmatched | undefined): Diagnosis {
  const waits = `${county.name || county.id}: batch ${county.batch ?? '(none)'}, not part of this run (batch ${batch}); solve it with --batch ${county.batch ?? 'LABEL'} once its application is ready`;
  if (!earlier || earlier.reasonCode === 'not-solved') return { reasonCode: 'not-solved', detail: waits };
  const releases = (PIN_RELEASING_REASONS as readonly string[]).includes(earlier.reasonCode);
  if (releases || pinsOf(ctx, county.id).length === 0) return { reasonCode: earlier.reasonCode, detail: earlier.detail };
  return { reasonCode: 'not-solved', detail: `${waits}. The earlier result left it unmatched without its pins (${earlier.reasonCode}: ${earlier.detail})` };
}

function dedupePins(pins: readonly Pin[]): Pin[] {
  const seen = new Map<string, Pin>();
  for (const p of pins) {
    const key = `${p.countyId}\u0000${p.expertId}`;
    const had = seen.get(key);
    // An earlier result's role wins only where pinned.csv gives none.
    if (!had || (had.role === undefined && p.role !== undefined)) seen.set(key, p);
  }
  return [...seen.values()];
}

/** The batch's counties with the experts' places left; experts who can serve none of them are left out. */
function batchInstance(ctx: RoundContext, full: Instance, counties: readonly County[], pins: readonly Pin[], used: ReadonlyMap<string, number>): Instance {
  const ids = new Set(counties.map((c) => c.id));
  const pinned = new Set(pins.map((p) => p.expertId));
  const experts: Expert[] = [];
  for (const e of full.experts) {
    if (e.homeCounty !== undefined && !ids.has(e.homeCounty)) continue;
    const left = capacityOf(ctx, e) - (used.get(e.id) ?? 0);
    if (left <= 0 && !pinned.has(e.id)) continue;
    experts.push({ ...e, capacity: Math.max(0, left) });
  }
  const kept = new Set(experts.map((e) => e.id));
  return {
    counties: [...counties],
    needs: full.needs.filter((n) => ids.has(n.countyId)),
    experts,
    skills: full.skills.filter((s) => kept.has(s.expertId)),
    pairings: full.pairings.filter((p) => p.countyId === undefined || ids.has(p.countyId)),
    affinities: full.affinities.filter((a) => ids.has(a.countyId) && kept.has(a.expertId)),
    pins: [...pins],
  };
}

/** `solveBatch` that throws `InputError` on bad input. */
export async function solveBatchOrThrow(instance: InstanceInput, spec: BatchSpec, options: SolveOptions = {}): Promise<SolveResult> {
  const r = await solveBatch(instance, spec, options);
  if (r.status === 'invalid') throw new InputError(r.issues);
  return r;
}
