/**
 * verifyResult: the whole verification of a stored result against its
 * input, as a supervisor (监督) runs it on a published folder, trusting none
 * of the folder's files. The hard rules (checkSolution), then every claim:
 * the summary's numbers, status, bound and gap, the input's fingerprint,
 * each row's fit, covers and reason, every cell of roster.csv (when the
 * set has one), each unmatched county's reason code,
 * and the options the result says it was solved with, compared with those
 * it is checked against (the policy defaults unless given). No solver is
 * imported: what needs solving to confirm is said to be unconfirmed.
 */
import { resolveOptions, type Options, type OptionsInput } from '../model/options.js';
import { InputError, isNonEmpty } from '../model/issues.js';
import { hashInstance } from '../model/instance-hash.js';
import { InstanceSchema, type Assignment, type Expert, type Instance, type InstanceInput, type Pin, type Unmatched } from '../model/schemas.js';
import { validateInstance } from '../io/validate.js';
import { weakestGroupScore } from '../objective/weakest-group.js';
import { groupSizeSummary } from '../objective/group-size.js';
import { buildContext, type RoundContext } from '../rules/context.js';
import { checkWithContext, type CheckReport } from './check-solution.js';
import type { Finding } from './findings.js';
import { compareSummaryOptions, differencesFromPolicy, type OptionDifference } from './options-against.js';
import { verifyRows } from './verify-rows.js';
import { verifyRoster } from './verify-roster.js';
import type { StoredRoster } from '../roster/read.js';
import { verifySummary, type StoredSummary } from './verify-summary.js';
import { loadOf, verifyUnmatched } from './verify-unmatched.js';
import { improvingAddition, type HeldGroup } from './improve.js';
import { verifyLedger, type LedgerCheck } from './verify-ledger.js';
import type { LedgerRow } from '../io/ledger.js';
import { withdrawnInLedger, type LedgerParent } from '../io/ledger-events.js';
import type { VacancyMember } from '../model/result.js';
import type { GroupMember } from '../rules/types.js';

/** A result as read back from its folder (`readResultDir` gives this shape). */
export interface StoredResult {
  assignments: readonly Assignment[];
  unmatched: readonly Unmatched[];
  /** summary.json; a published result must have one (its absence is a finding). */
  summary?: StoredSummary;
  /** The pins the result set records (a repaired result writes them); absent: the input's pins apply. */
  pinned?: readonly Pin[];
  /**
   * Experts the result says withdrew (a repair's changes.csv, as `readResultDir` returns them). A claim: it only
   * spares unmatched reasons that a withdrawn expert would refute, and a withdrawn expert who serves is a false claim.
   */
  withdrawn?: readonly string[];
  /** roster.csv as read back, when the set has one: every cell is checked against the roster the input and the assignments give. */
  roster?: StoredRoster;
  /** Members of groups kept with a vacancy (vacancies.csv): checked with the groups; their places are held. */
  vacancies?: readonly VacancyMember[];
  /** ledger.csv's rows, when the set has one: the chain is verified (`verifyLedger`). */
  ledger?: readonly LedgerRow[];
}

/** What `verifyResult` is given besides the result: its parent result, to prove the ledger's link (`check --parent DIR`). */
export interface VerifyContext {
  /** The parent result as read back (`readResultDir`: with its manifest hash and ledger). */
  parent?: LedgerParent;
}

/** The verdict of `verifyResult`. */
export interface VerifyReport {
  /** True when no finding: every hard rule holds and every claim checked is true. */
  ok: boolean;
  /** Broken rules, false claims and option mismatches, in that order. */
  findings: Finding[];
  /** The hard rules' report (violations are also among `findings`). */
  rules: CheckReport;
  /** The options the result was checked against. */
  options: Options;
  /** Of those, the ones that differ from the policy defaults. */
  policyDifferences: OptionDifference[];
  /** Run options (solver, timeLimit, seed) the summary holds that differ from `options`: reported, not refused. */
  runDifferences: OptionDifference[];
  /** Whose pins the hard rules were checked with, and the input's pins the result no longer holds. */
  pins: { source: 'result' | 'input'; dropped: Pin[] };
  /** Unmatched counties whose reason was not checked (scanning budget spent on a very large round). */
  uncheckedReasons: string[];
  /** Experts the result says withdrew (changes.csv, and earlier withdrawals in ledger.csv of experts who serve nowhere), whom the reasons were checked without. */
  withdrawn: string[];
  /** Counties kept with a vacancy (vacancies.csv), in the order listed. */
  vacancies: string[];
  /** What the ledger check found out (its findings are among `findings`). */
  ledger: Omit<LedgerCheck, 'findings'>;
}

/** Violations about unmatched.csv's rows (the others concern the groups of assignments.csv). */
const UNMATCHED_FILE_CODES: ReadonlySet<string> = new Set(['duplicate-unmatched', 'matched-and-unmatched', 'county-missing']);

/** The expert a result's rows name as the county's leader (S2b depends on who leads). */
function leaderOf(assignments: readonly Assignment[], countyId: string): { id: string } | undefined {
  const row = assignments.find((a) => a.countyId === countyId && a.role === 'leader');
  return row ? { id: row.expertId } : undefined;
}

function pinKey(p: Pin): string {
  return `${p.countyId}\u0000${p.expertId}\u0000${p.role ?? ''}`;
}

/** The pins to check with: the result's own when it records them (those that are input pins), else the input's. */
function pinsToCheck(input: readonly Pin[], recorded: readonly Pin[] | undefined, findings: Finding[]): { pins: Pin[]; source: 'result' | 'input'; dropped: Pin[] } {
  if (recorded === undefined) return { pins: [...input], source: 'input', dropped: [] };
  const known = new Set(input.map(pinKey));
  const kept: Pin[] = [];
  for (const p of recorded) {
    if (known.has(pinKey(p))) kept.push(p);
    else findings.push({ kind: 'false-claim', code: 'pin-not-in-input', file: 'pinned.csv', countyId: p.countyId, expertId: p.expertId, message: `the result records pin ${p.countyId}–${p.expertId}${p.role ? ` (${p.role})` : ''}, which is not a pin of the input` });
  }
  const keptKeys = new Set(kept.map(pinKey));
  return { pins: kept, source: 'result', dropped: input.filter((p) => !keptKeys.has(pinKey(p))) };
}

/**
 * A better valid result one member away, when there is one above the
 * claimed bound: then the bound is false (`load`: the places every group,
 * kept ones too, holds). Only for a result that keeps
 * every rule and whose bound is on results matching as many counties as it
 * does; not for a round with batches, whose bound holds with the earlier
 * batches' groups standing.
 */
function refuteBound(ctx: RoundContext, stored: StoredResult, groups: ReadonlyMap<string, Expert[]>, rules: CheckReport, withdrawn: ReadonlySet<string>, load: ReadonlyMap<string, number>): Finding | undefined {
  const s = stored.summary;
  if (!s || !rules.ok || !Number.isFinite(s.upperBound) || s.matchableUpperBound !== rules.matchedCounties) return undefined;
  if (ctx.counties.some((c) => c.batch !== undefined && c.batch !== '')) return undefined;
  const leaders = new Map(stored.assignments.filter((a) => a.role === 'leader').map((a) => [a.countyId, ctx.expertById.get(a.expertId)]));
  const held: HeldGroup[] = [];
  for (const c of ctx.counties) {
    const members = groups.get(c.id);
    const leader = leaders.get(c.id);
    if (members && leader) held.push({ county: c, members, leader });
  }
  const better = improvingAddition(ctx, held, rules.objective, s.upperBound, load, withdrawn);
  if (!better) return undefined;
  return {
    kind: 'false-claim', code: 'upper-bound-refuted', file: 'summary.json', field: 'upperBound', claimed: String(s.upperBound), actual: String(better.total), countyId: better.countyId, expertId: better.expertId,
    message: `the bound ${s.upperBound} is not a bound: adding the free expert ${better.expertId} to county ${better.countyId}'s group keeps every rule and scores ${better.total}`,
  };
}

/**
 * Verifies a stored result against its input and the options it should
 * have been solved with (default: the policy). The instance is validated as
 * `solve` validates it (with the options' `keyCounties`, `leaderLevels`,
 * `defaultCapacity`), so that its fingerprint is the one `solve` writes.
 * @throws InputError when the instance is not valid under these options
 * @throws ZodError when the options are not valid
 * @example
 * const stored = await readResultDir('out/round1');
 * if (stored.ok) {
 *   const report = verifyResult(instance, stored, { groupMin: 6 });
 *   for (const f of report.findings) console.error(formatFinding(f));
 * }
 */
export function verifyResult(instance: Instance | InstanceInput, stored: StoredResult, options: Options | OptionsInput = {}, context: VerifyContext = {}): VerifyReport {
  const opts = resolveOptions(options);
  const { keyCounties, leaderLevels, defaultCapacity } = opts;
  const checked = validateInstance(InstanceSchema.parse(instance), { keyCounties, leaderLevels, defaultCapacity });
  if (isNonEmpty(checked.issues)) throw new InputError(checked.issues);
  const input = checked.instance;

  const claims: Finding[] = [];
  const pins = pinsToCheck(input.pins, stored.pinned, claims);
  const ctx = buildContext({ ...input, pins: pins.pins }, opts);
  const rules = checkWithContext(ctx, stored);
  // Kept groups (vacancies): their members, by county, hold places that are not free.
  const kept = new Map<string, GroupMember[]>();
  for (const v of stored.vacancies ?? []) {
    const e = ctx.expertById.get(v.expertId);
    if (!e || !ctx.countyById.has(v.countyId)) continue;
    kept.set(v.countyId, [...(kept.get(v.countyId) ?? []), { expert: e, role: v.role }]);
  }
  const violations = rules.violations.map((v): Finding => ({
    kind: 'violation', rule: v.rule, code: v.code, file: UNMATCHED_FILE_CODES.has(v.code) ? 'unmatched.csv' : 'assignments.csv',
    ...(v.countyId === undefined ? {} : { countyId: v.countyId }), ...(v.expertId === undefined ? {} : { expertId: v.expertId }), message: v.message,
  }));

  claims.push(...verifyRows(ctx, stored.assignments));
  if (stored.roster) claims.push(...verifyRoster(input, stored.assignments, stored.unmatched, stored.roster, stored.vacancies));
  const groups = new Map<string, Expert[]>();
  for (const a of stored.assignments) {
    const e = ctx.expertById.get(a.expertId);
    if (!e || !ctx.countyById.has(a.countyId)) continue;
    const list = groups.get(a.countyId);
    if (list) list.push(e);
    else groups.set(a.countyId, [e]);
  }
  const withdrawn = new Set(stored.withdrawn ?? []);
  // Unavailable to refute a reason or a bound: those who withdrew now, and those the ledger says withdrew earlier and serve nowhere (as `repair` treats them).
  const serving = new Set([...stored.assignments, ...(stored.vacancies ?? [])].map((a) => a.expertId));
  const unavailable = new Set([...withdrawn, ...[...withdrawnInLedger(stored.ledger ?? [])].filter((id) => !serving.has(id))]);
  for (const a of stored.assignments) {
    if (withdrawn.has(a.expertId)) claims.push({ kind: 'false-claim', code: 'withdrawn-serving', file: 'changes.csv', countyId: a.countyId, expertId: a.expertId, message: `expert ${a.expertId} is said to have withdrawn, yet serves county ${a.countyId}` });
  }
  const status = stored.summary?.status;
  const reasons = verifyUnmatched(ctx, stored.unmatched, groups, status === 'optimal', unavailable, kept);
  const { findings: ledgerFindings, ...ledger } = verifyLedger(stored, withdrawn, context.parent);
  claims.push(...ledgerFindings);
  claims.push(...reasons.findings);

  let runDifferences: OptionDifference[] = [];
  const mismatches: Finding[] = [];
  if (stored.summary === undefined) {
    claims.push({ kind: 'false-claim', code: 'summary-missing', file: 'summary.json', message: 'the result has no summary.json: its status, score and bound, and the input it was solved for, cannot be checked' });
  } else {
    // A kept group's members hold their places: they are used, as the solvers count them.
    const used = new Set([...stored.assignments, ...(stored.vacancies ?? [])].map((a) => a.expertId).filter((id) => ctx.expertById.has(id)));
    claims.push(...verifySummary(stored.summary, {
      objective: rules.objective,
      matchedCounties: rules.matchedCounties,
      totalCounties: ctx.counties.length,
      expertsUsed: used.size,
      expertsFree: ctx.experts.length - used.size,
      weakestGroupScore: weakestGroupScore(ctx, [...groups].map(([id, members]) => ({ county: { id }, members, leader: leaderOf(stored.assignments, id) }))),
      groupSizes: groupSizeSummary([...groups.values()].map((members) => members.length)),
      inputHash: hashInstance(input),
      matchableFromFree: reasons.matchableFromFree,
    }, opts));
    const refuted = refuteBound(ctx, stored, groups, rules, unavailable, loadOf(new Map([...groups, ...[...kept].map(([c, m]): [string, Expert[]] => [c, m.map((x) => x.expert)])])));
    if (refuted) claims.push(refuted);
    const compared = compareSummaryOptions(opts, stored.summary.options);
    mismatches.push(...compared.findings);
    runDifferences = compared.runDifferences;
  }
  const findings = [...violations, ...claims, ...mismatches];
  return {
    ok: findings.length === 0, findings, rules, options: opts,
    policyDifferences: differencesFromPolicy(opts), runDifferences,
    pins: { source: pins.source, dropped: pins.dropped }, uncheckedReasons: reasons.unchecked, withdrawn: [...unavailable],
    vacancies: [...kept.keys()], ledger,
  };
}
