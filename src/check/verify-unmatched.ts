/**
 * The reasons of unmatched.csv, confirmed against the input where the input
 * can refute them. A reason that says a county cannot be matched on its own
 * (`no-leader-candidate`, `no-local-scientist`, `no-east-expert`,
 * `required-need-uncovered`, `too-few-candidates`, `no-valid-group`) is
 * refuted by the experts the result leaves free: if they hold what the
 * reason says is missing, or if a valid group for the county can be formed
 * from them, the reason is false. Free experts, not the whole pool, because
 * a batch or a repair decides its reasons with the places other groups
 * already hold. `REASON_CHECKS` says what is checked for each code, and why
 * `not-solved` cannot be.
 */
import type { County, Expert, ReasonCode, Unmatched } from '../model/schemas.js';
import { diagnoseCountyIndexed } from '../explain/diagnose.js';
import { poolIndexOf } from '../explain/pool-index.js';
import { needsOf, pinsOf, type RoundContext } from '../rules/context.js';
import { capacityOf } from '../rules/h2-capacity.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { canLead } from '../rules/h4-leader.js';
import { isLocalElsewhere, isLocalTo } from '../rules/h5-local.js';
import { isEastFor, partnersOf } from '../rules/h6-east-west.js';
import { expertCovers } from '../rules/h7-required-needs.js';
import { isVetoed } from '../rules/h8-veto.js';
import { lacksConsent } from '../rules/consent.js';
import { isValidGroup, leaderAmong } from '../rules/group-validity.js';
import { hasPriorities, rankWords, tierOf } from '../rules/priority.js';
import { isVacant, shortfallOf, VACANCY_WHY_SEPARATOR, vacancyStatement } from '../rules/vacancy.js';
import type { GroupMember } from '../rules/types.js';
import type { Finding } from './findings.js';

/** What `check` confirms for each reason code (README "check"). */
export const REASON_CHECKS: Readonly<Record<ReasonCode, string>> = {
  'no-leader-candidate': 'refuted when an expert who may lead the county (a leader level, not its own local scientist, eligible under H2, H5, H8) has a free place in the result, or a valid group can be formed from free experts',
  'no-local-scientist': 'refuted when localMin is 0, or the county has at least localMin eligible local scientists, or a valid group can be formed from free experts',
  'no-east-expert': 'refuted when the county has no East–West partner, or at least eastMin eligible scientists from its partner provinces have a free place, or a valid group can be formed from free experts',
  'required-need-uncovered': 'refuted when the county marks no need as required, or each required need has an eligible holder with a free place, or a valid group can be formed from free experts',
  'too-few-candidates': 'refuted when a valid group for the county can be formed from the experts the result leaves free (a greedy search; when it finds none, the claim stands unproven, not confirmed)',
  'no-valid-group': 'refuted when a valid group for the county can be formed from the experts the result leaves free (as for too-few-candidates)',
  'pinned-infeasible': 'refuted when the county has no pins; in a result claimed optimal, also when its pins can be completed into a valid group from free experts',
  competition: 'refuted when the county cannot be matched even alone (a single-county reason holds over the whole pool): then other counties are not why; in a result claimed optimal, also when a valid group for it can be formed from free experts and members of groups of counties ranked in a later priority tier (priority comes before the score)',
  'not-solved': 'not checkable: it says the solver did not reach the county (time limit, engine failure, another batch), which the input cannot refute',
  'key-county': 'refuted unless the county is flagged key_county in the input (a validated input holds none: key counties are refused, or skipped and absent)',
  vacancy: 'refuted when vacancies.csv keeps no member for the county, when its kept members already form a complete group, when the detail does not state the kept members and their shortfall (`vacancyStatement`), or when its kept members and experts the result leaves free form a valid group (a greedy search; when it finds none, the claim stands unproven, not confirmed). With a ledger (or `check --parent`), the kept members must be the parent\'s group minus the withdrawn (`verifyLedger`)',
};

/** Reason codes that say the county cannot be matched on its own. */
const ALONE_CODES: ReadonlySet<ReasonCode> = new Set(['no-leader-candidate', 'no-local-scientist', 'no-east-expert', 'required-need-uncovered', 'too-few-candidates', 'no-valid-group']);

/** Experts visited at most while looking for free candidates and a group among them (about a second); counties beyond it are left unchecked, and said so. */
export const FREE_SCAN_BUDGET = 30_000_000;

/** What the reasons' check found. */
export interface UnmatchedCheck {
  findings: Finding[];
  /** Counties (not `not-solved`) for which a valid group can be formed from free experts: a result that leaves them out is not optimal. */
  matchableFromFree: string[];
  /** Counties whose reason was not checked because the scanning budget ran out. */
  unchecked: string[];
}

/** Places each expert holds in the result's groups. */
export function loadOf(groups: ReadonlyMap<string, readonly Expert[]>): Map<string, number> {
  const load = new Map<string, number>();
  for (const members of groups.values()) for (const e of members) load.set(e.id, (load.get(e.id) ?? 0) + 1);
  return load;
}

/** Experts who may serve the county (H2, H5, H8 with consent when required) and still have a place the result leaves free, in pool order; `unavailable` (withdrawn) experts left out. */
export function freeCandidates(ctx: RoundContext, county: County, load: ReadonlyMap<string, number>, unavailable: ReadonlySet<string> = new Set()): Expert[] {
  return ctx.experts.filter((e) => capacityOf(ctx, e) - (load.get(e.id) ?? 0) > 0 && !unavailable.has(e.id) && !isLocalElsewhere(e, county) && !isVetoed(ctx, county.id, e.id) && !lacksConsent(ctx, county.id, e.id));
}

/**
 * A valid group for the county alone from `free` (its `kept` members and
 * its pins first, then a leader, locals, East–West members, a holder of each
 * required need, and others up to the smallest size), or undefined when this
 * greedy search finds none. `kept`: the members of a group kept with a
 * vacancy, which hold their places already (not among `free`). Whatever it returns has passed the group rules (H3–H8) and
 * keeps the county's pins with their roles (H9): it is a proof, never a guess.
 */
export function witnessGroup(ctx: RoundContext, county: County, free: readonly Expert[], kept: readonly Expert[] = []): Expert[] | undefined {
  const freeSet = new Set(free);
  // A kept group's members (a vacancy) are in already, in pool order so that the search does not depend on the order they were listed in.
  const members: Expert[] = [...kept].sort((a, b) => ctx.expertIndex.get(a.id)! - ctx.expertIndex.get(b.id)!);
  for (const p of pinsOf(ctx, county.id)) {
    const e = ctx.expertById.get(p.expertId);
    if (members.some((m) => m.id === p.expertId)) continue;
    if (!e || !freeSet.has(e)) return undefined;
    members.push(e);
  }
  const o = ctx.options;
  const { min, max } = groupSizeBounds(ctx, county);
  const paired = partnersOf(ctx, county).length > 0;
  const local = (e: Expert): boolean => isLocalTo(e, county);
  const east = (e: Expert): boolean => paired && isEastFor(ctx, e, county);
  const plain = (e: Expert): boolean => !local(e) && !east(e);
  const taken = new Set(members);
  const count = (f: (e: Expert) => boolean): number => members.filter(f).length;
  // Quota counts kept as members are added: the scans below test every free expert.
  let locals = count(local);
  let easts = count(east);
  const fits = (e: Expert): boolean => members.length < max && !taken.has(e) && (!local(e) || locals < o.localMax) && (!east(e) || easts < o.eastMax);
  const add = (f: (e: Expert) => boolean): boolean => {
    const e = free.find((x) => fits(x) && f(x));
    if (!e) return false;
    members.push(e);
    taken.add(e);
    if (local(e)) locals++;
    if (east(e)) easts++;
    return true;
  };
  const mayLead = (e: Expert): boolean => canLead(ctx, e, county);
  if (!leaderAmong(ctx, county, members) && !add((e) => mayLead(e) && plain(e)) && !add(mayLead)) return undefined;
  // The leader fills no East–West place unless leaderCountsEast (H6): it leaves the quota's places to others.
  const first = leaderAmong(ctx, county, members);
  if (first && east(first) && !o.leaderCountsEast) easts--;
  while (locals < o.localMin) if (!add(local)) return undefined;
  while (paired && easts < o.eastMin) if (!add((e) => east(e) && !local(e)) && !add(east)) return undefined;
  for (const need of needsOf(ctx, county.id)) {
    if (!need.required || members.some((e) => expertCovers(ctx, e, need))) continue;
    if (!add((e) => expertCovers(ctx, e, need) && plain(e)) && !add((e) => expertCovers(ctx, e, need))) return undefined;
  }
  while (members.length < min) if (!add(plain) && !add(() => true)) return undefined;
  const leader = leaderAmong(ctx, county, members);
  if (!leader || !isValidGroup(ctx, county, members, leader)) return undefined;
  return [leader, ...members.filter((e) => e !== leader)];
}

/** Why the reason is false, from what the free experts hold; undefined when that does not refute it. */
function refutedByFree(ctx: RoundContext, county: County, code: ReasonCode, free: readonly Expert[]): string | undefined {
  const o = ctx.options;
  switch (code) {
    case 'no-leader-candidate': {
      const leader = free.find((e) => canLead(ctx, e, county));
      return leader ? `expert ${leader.id} (${leader.level}) may lead it and has a free place` : undefined;
    }
    case 'no-local-scientist': {
      if (o.localMin === 0) return 'the rules ask for no local scientist (localMin 0)';
      const locals = free.filter((e) => isLocalTo(e, county));
      return locals.length >= o.localMin ? `${locals.length} of its local scientists may serve it (${locals.map((e) => e.id).join(', ')}); it needs ${o.localMin}` : undefined;
    }
    case 'no-east-expert': {
      const partners = partnersOf(ctx, county);
      if (partners.length === 0) return 'it has no East–West partner, so H6 asks for no one';
      const east = free.filter((e) => isEastFor(ctx, e, county));
      return east.length >= o.eastMin ? `${east.length} scientists from ${partners.join('/')} may serve it and have a free place (${east.slice(0, 5).map((e) => e.id).join(', ')}${east.length > 5 ? ', …' : ''}); it needs ${o.eastMin}` : undefined;
    }
    case 'required-need-uncovered': {
      const required = needsOf(ctx, county.id).filter((n) => n.required);
      if (required.length === 0) return 'it marks no need as required';
      return required.every((n) => free.some((e) => expertCovers(ctx, e, n))) ? 'every need it marks as required has a holder who may serve it with a free place' : undefined;
    }
    default:
      return undefined;
  }
}

function listIds(ids: readonly string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
}

/**
 * A valid group for the county from free experts and the members of groups
 * of counties ranked in a later priority tier (without pins, which rank
 * before every tier), with the groups it would break; undefined when the
 * greedy search finds none, or when the round has one tier.
 */
export function laterTierWitness(ctx: RoundContext, county: County, groups: ReadonlyMap<string, readonly Expert[]>, load: ReadonlyMap<string, number>, unavailable: ReadonlySet<string> = new Set()): { group: Expert[]; dropped: string[] } | undefined {
  if (!hasPriorities(ctx)) return undefined;
  const own = tierOf(ctx, county.id);
  const later = [...groups.keys()].filter((id) => tierOf(ctx, id) > own && pinsOf(ctx, id).length === 0);
  if (later.length === 0) return undefined;
  const eased = new Map(load);
  for (const id of later) for (const e of groups.get(id) ?? []) eased.set(e.id, (eased.get(e.id) ?? 0) - 1);
  const group = witnessGroup(ctx, county, freeCandidates(ctx, county, eased, unavailable));
  if (!group) return undefined;
  const taken = new Set(group.map((e) => e.id));
  const dropped = later.filter((id) => (groups.get(id) ?? []).some((e) => taken.has(e.id) && capacityOf(ctx, e) - (load.get(e.id) ?? 0) <= 0));
  return { group, dropped };
}

function falseReason(u: Pick<Unmatched, 'countyId' | 'reasonCode'>, why: string): Finding {
  return {
    kind: 'false-claim', code: 'false-reason', file: 'unmatched.csv', field: 'reason_code', countyId: u.countyId, claimed: u.reasonCode,
    message: `county ${u.countyId} is said to be unmatched because of ${u.reasonCode}, but ${why}`,
  };
}

/**
 * What is false in a vacancy (see `REASON_CHECKS.vacancy`), or undefined:
 * no kept member, a kept group that lacks nothing, a detail that does not
 * state the kept members and their shortfall, a completion of the kept
 * group from free experts.
 */
function vacancyFinding(ctx: RoundContext, u: Pick<Unmatched, 'countyId' | 'reasonCode'> & { detail?: string }, county: County, kept: readonly GroupMember[], free: readonly Expert[]): Finding | undefined {
  if (kept.length === 0) return falseReason(u, 'vacancies.csv keeps no member of its group: a vacancy is a published group that lost members and keeps the others');
  const members = kept.map((m) => m.expert);
  const leader = kept.find((m) => m.role === 'leader')?.expert;
  if (!isVacant(shortfallOf(ctx, county, members, leader))) return falseReason(u, `its kept members (${members.map((e) => e.id).join(', ')}) lack nothing the rules ask of a group: it is not vacant`);
  const statement = vacancyStatement(ctx, county, members, leader);
  const detail = u.detail ?? '';
  if (u.detail !== undefined && detail !== statement && !detail.startsWith(statement + VACANCY_WHY_SEPARATOR)) {
    return { kind: 'false-claim', code: 'vacancy-detail', file: 'unmatched.csv', field: 'detail', countyId: u.countyId, claimed: detail, actual: statement, message: `county ${u.countyId}'s vacancy detail does not state its kept group and what it lacks; the kept members give "${statement}"` };
  }
  const witness = witnessGroup(ctx, county, free, members);
  if (!witness) return undefined;
  const added = witness.filter((e) => !members.includes(e)).map((e) => e.id);
  return falseReason(u, `its kept members and experts the result leaves free form a valid group: adding ${added.join(', ')} (${witness[0]!.id} leading)`);
}

/**
 * Checks each unmatched row's reason code against the input and the
 * result's groups (see `REASON_CHECKS`). `groups` holds the members of
 * each matched county; `optimal` is whether the result claims to be a
 * proven optimum (then a county whose pins fit among free experts refutes
 * `pinned-infeasible`); `unavailable`: experts the result says withdrew,
 * who refute nothing; `kept`: the members of each group kept with a
 * vacancy (vacancies.csv), who hold their places. Rows of counties not in
 * the input, or also matched, are left to `checkSolution` (H1).
 */
export function verifyUnmatched(
  ctx: RoundContext, unmatched: readonly (Pick<Unmatched, 'countyId' | 'reasonCode'> & { detail?: string })[], groups: ReadonlyMap<string, readonly Expert[]>, optimal: boolean,
  unavailable: ReadonlySet<string> = new Set(), kept: ReadonlyMap<string, readonly GroupMember[]> = new Map(),
): UnmatchedCheck {
  const findings: Finding[] = [];
  const matchableFromFree: string[] = [];
  const unchecked: string[] = [];
  const load = loadOf(new Map([...groups, ...[...kept].map(([c, members]): [string, Expert[]] => [c, members.map((m) => m.expert)])]));
  let budget = FREE_SCAN_BUDGET;
  const seen = new Set<string>();
  for (const u of unmatched) {
    const county = ctx.countyById.get(u.countyId);
    if (!county || groups.has(u.countyId) || seen.has(u.countyId)) continue;
    seen.add(u.countyId);
    const code = u.reasonCode;
    if (code === 'not-solved') continue;
    if (code === 'key-county') {
      if (!county.keyCounty) findings.push(falseReason(u, 'the input does not flag it as a national key assistance county (key_county)'));
      continue;
    }
    if (code === 'pinned-infeasible' && pinsOf(ctx, county.id).length === 0) {
      findings.push(falseReason(u, 'the county has no pins'));
      continue;
    }
    if (code === 'competition') {
      const alone = diagnoseCountyIndexed(poolIndexOf(ctx), county);
      if (alone) findings.push(falseReason(u, `it cannot be matched even alone, whatever other counties do (${alone.reasonCode}: ${alone.detail})`));
    }
    // One scan for the free candidates, and about as much again for the search of a group among them.
    const cost = 3 * ctx.experts.length;
    if (budget < cost) {
      unchecked.push(u.countyId);
      continue;
    }
    budget -= cost;
    const free = freeCandidates(ctx, county, load, unavailable);
    if (code === 'vacancy') {
      const found = vacancyFinding(ctx, u, county, kept.get(county.id) ?? [], free);
      if (found) findings.push(found);
      continue;
    }
    const why = refutedByFree(ctx, county, code, free);
    if (why) {
      findings.push(falseReason(u, why));
      continue;
    }
    const witness = witnessGroup(ctx, county, free);
    if (!witness) {
      // Priority (成熟一批、匹配一批): in a proven optimum, counties ranked after this one cannot hold what it needs.
      const laterCheck = code === 'competition' && optimal && hasPriorities(ctx) && budget >= cost;
      if (laterCheck) budget -= cost;
      const later = laterCheck ? laterTierWitness(ctx, county, groups, load, unavailable) : undefined;
      if (later && later.dropped.length > 0) findings.push(falseReason(u, `it ranks before ${listIds(later.dropped)} (${rankWords(ctx, county)}; priority comes before the score), and a valid group for it can be formed from free experts and members of those later-ranked groups: ${later.group.map((e) => e.id).join(', ')} (${later.group[0]!.id} leading); a result matching it instead is better, so this one is not optimal`));
      continue;
    }
    matchableFromFree.push(u.countyId);
    if (ALONE_CODES.has(code) || (code === 'pinned-infeasible' && optimal)) {
      findings.push(falseReason(u, `a valid group for it can be formed from experts the result leaves free: ${witness.map((e) => e.id).join(', ')} (${witness[0]!.id} leading)`));
    }
  }
  return { findings, matchableFromFree, unchecked };
}
