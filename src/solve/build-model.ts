/**
 * Builds the MILP of DESIGN section 1 for some counties and their candidate
 * experts, in named steps: variables, then each rule's constraints, then
 * the objective's terms, each from its module of `src/objective/`. The same
 * builder serves the whole exact model, the one-county models (alone,
 * fairness) and the local models of repair.
 *
 *   maximize  matchReward·Σ z[c]
 *           + Σ ω·share[c,n]·y[c,n] + Σ (1−ω)·share[c,n]·yn[c,n]     S1 (ω = wildcardFactor)
 *           + Σ industryShare[c,i]·u[c,i]                              S1b
 *           + Σ (fit[e,c] − price[e])·x[e,c] + Σ leaderTerm[e,c]·l[e,c]   S2, S3, S7; S2b
 *           + orgTypes·Σ t[c,k] − organization·Σ o[c,k] − size·Σ d[c]   S4b, S4, S6
 *
 * Each county's soft score is the same sum without prices and match reward,
 * and equals `groupScore` at any integral point where the continuous
 * variables y, yn, u, t, o and d sit at their best values (they do at an
 * optimum: each is bounded by its rows only on the side the objective pushes).
 */
import { coverageKind } from '../model/coverage.js';
import { LinearModel, type LinearTerm } from '../model/linear.js';
import type { County, Expert } from '../model/schemas.js';
import { ANY, ORG_TYPES } from '../model/vocabulary.js';
import type { RoundContext } from '../rules/context.js';
import { needsOf, skillsOf } from '../rules/context.js';
import { h2Capacity, h3GroupSize, h4cLeadOnce, h4Leader, h5Local, h6EastWest, h7RequiredNeeds, h9Pins } from '../rules/index.js';
import type { ModelScope, Rule } from '../rules/types.js';
import { dVar, lVar, oVar, tVar, uVar, xVar, ynVar, yVar, zVar } from '../rules/variables.js';
import { targetSizeOf } from '../objective/group-size.js';
import { industryShares, needShares } from '../objective/need-coverage.js';
import { countyIndustries } from '../objective/relevance.js';
import { leaderTerm, memberFit } from '../objective/score.js';

/** What to build. */
export interface BuildSpec {
  counties: readonly County[];
  /** Eligible candidate experts per county id (see `isEligible`). */
  candidates: ReadonlyMap<string, readonly Expert[]>;
  /** Objective coefficient of z[c]: large enough makes matching counties come first. */
  matchReward: number;
  /** Lagrangian price of an expert's capacity, subtracted from each x[e,c] (default none). */
  priceOf?: (expert: Expert) => number;
  /** Add H2 rows (the scalable solver's subproblems leave them to prices). Default true. */
  capacityRows?: boolean;
  /** The rules whose constraints go in; default `MODEL_RULES`. Tests drop one to show that it binds. */
  rules?: readonly Rule[];
}

/**
 * A built model, with each county's soft score as a linear expression over
 * its variables (S1–S7 without prices or match reward): what S5 (fairness)
 * and local floors constrain.
 */
export interface BuiltModel extends ModelScope {
  /** County id → the terms whose sum is the county's soft score in the model. */
  readonly scoreTerms: ReadonlyMap<string, readonly LinearTerm[]>;
}

type ScoreTerms = Map<string, LinearTerm[]>;

function termsOf(terms: ScoreTerms, c: County): LinearTerm[] {
  let list = terms.get(c.id);
  if (!list) terms.set(c.id, (list = []));
  return list;
}

/** The rules that add constraints, in the order they are added (H6 reads H4's l). H1 is structural, H8 acts through eligibility. */
export const MODEL_RULES: readonly Rule[] = [h2Capacity, h3GroupSize, h4Leader, h4cLeadOnce, h5Local, h6EastWest, h7RequiredNeeds, h9Pins];

/** A rewarded continuous variable in [0, ub], part of the county's score. */
function scored(scope: ModelScope, terms: ScoreTerms, c: County, name: string, ub: number, coef: number): string {
  const v = scope.model.continuous(name, 0, ub, coef).name;
  termsOf(terms, c).push({ name: v, coef });
  return v;
}

/** v ≤ Σ x over `names`: v may be 1 only when one of them serves. */
function atMostAny(scope: ModelScope, row: string, v: string, names: readonly string[]): void {
  scope.model.constrain(row, [{ name: v, coef: 1 }, ...names.map((name) => ({ name, coef: -1 }))], { max: 0 });
}

function addAssignmentVariables(scope: ModelScope, spec: BuildSpec, terms: ScoreTerms): void {
  const { ctx, model } = scope;
  for (const c of spec.counties) {
    model.binary(zVar(ctx, c), spec.matchReward);
    const score = termsOf(terms, c);
    for (const e of spec.candidates.get(c.id) ?? []) {
      const fit = memberFit(ctx, e, c).fit;
      const x = model.binary(xVar(ctx, e, c), fit - (spec.priceOf?.(e) ?? 0)).name;
      if (fit !== 0) score.push({ name: x, coef: fit });
    }
  }
}

/** S2b: leaderTerm[e,c] on l[e,c] (l exists for the candidates who may lead, H4). */
function addLeaderTerm(scope: ModelScope, terms: ScoreTerms): void {
  const { ctx, model } = scope;
  for (const c of scope.counties) {
    for (const e of scope.candidates.get(c.id) ?? []) {
      const l = lVar(ctx, e, c);
      if (!model.has(l)) continue;
      const coef = leaderTerm(ctx, e, c);
      if (coef === 0) continue;
      model.addObjective(l, coef);
      termsOf(terms, c).push({ name: l, coef });
    }
  }
}

/**
 * S1: per need, y[c,n] ≤ Σ_{e covers n} x (named or wildcard, the H7 sense),
 * rewarded ω·share; yn[c,n] ≤ Σ_{e names n} x, rewarded (1−ω)·share. A
 * named cover earns both, a wildcard-only cover ω of the share.
 */
function addCoverageObjective(scope: ModelScope, terms: ScoreTerms): void {
  const { ctx } = scope;
  const omega = ctx.options.wildcardFactor;
  for (const c of scope.counties) {
    const needs = needsOf(ctx, c.id);
    const shares = needShares(ctx, c.id);
    const any = needs.map((): string[] => []);
    const named = needs.map((): string[] => []);
    for (const e of scope.candidates.get(c.id) ?? []) {
      const skills = skillsOf(ctx, e.id);
      needs.forEach((need, n) => {
        let kind: 'named' | 'wildcard' | 'none' = 'none';
        for (const s of skills) {
          const k = coverageKind(s, need);
          if (k === 'named') {
            kind = k;
            break;
          }
          if (k === 'wildcard') kind = k;
        }
        if (kind === 'none') return;
        any[n]!.push(xVar(ctx, e, c));
        if (kind === 'named') named[n]!.push(xVar(ctx, e, c));
      });
    }
    const ci = ctx.countyIndex.get(c.id);
    needs.forEach((_need, n) => {
      const share = shares[n] ?? 0;
      if (share <= 0) return;
      if (omega > 0 && any[n]!.length > 0) atMostAny(scope, `S1[${ci},${n}]`, scored(scope, terms, c, yVar(ctx, c, n), 1, omega * share), any[n]!);
      if (omega < 1 && named[n]!.length > 0) atMostAny(scope, `S1n[${ci},${n}]`, scored(scope, terms, c, ynVar(ctx, c, n), 1, (1 - omega) * share), named[n]!);
    });
  }
}

/** S1b: u[c,i] ≤ Σ_{e names industry i} x, rewarded by the industry's share. */
function addIndustryObjective(scope: ModelScope, terms: ScoreTerms): void {
  const { ctx } = scope;
  for (const c of scope.counties) {
    const industries = countyIndustries(ctx, c.id);
    const shares = industryShares(ctx, c.id);
    const holders = industries.map((): string[] => []);
    for (const e of scope.candidates.get(c.id) ?? []) {
      const named = new Set(skillsOf(ctx, e.id).map((s) => s.industry).filter((i) => i !== ANY));
      industries.forEach((industry, i) => {
        if (named.has(industry)) holders[i]!.push(xVar(ctx, e, c));
      });
    }
    const ci = ctx.countyIndex.get(c.id);
    industries.forEach((_industry, i) => {
      const share = shares[i] ?? 0;
      if (share > 0 && holders[i]!.length > 0) atMostAny(scope, `S1b[${ci},${i}]`, scored(scope, terms, c, uVar(ctx, c, i), 1, share), holders[i]!);
    });
  }
}

/** S4b: t[c,k] ≤ Σ_{e of type k} x, rewarded `orgTypes`. */
function addOrgTypeObjective(scope: ModelScope, terms: ScoreTerms): void {
  const { ctx } = scope;
  const w = ctx.options.weights.orgTypes;
  if (w <= 0) return;
  for (const c of scope.counties) {
    const byType = ORG_TYPES.map((): string[] => []);
    for (const e of scope.candidates.get(c.id) ?? []) {
      if (e.orgType !== undefined) byType[ORG_TYPES.indexOf(e.orgType)]!.push(xVar(ctx, e, c));
    }
    const ci = ctx.countyIndex.get(c.id);
    byType.forEach((names, k) => {
      if (names.length > 0) atMostAny(scope, `S4b[${ci},${k}]`, scored(scope, terms, c, tVar(ctx, c, k), 1, w), names);
    });
  }
}

/** S4: o[c,k] ≥ Σ_{e ∈ org k} x[e,c] − maxSameOrganization, penalized. */
function addOrganizationPenalty(scope: ModelScope, terms: ScoreTerms): void {
  const { ctx, model } = scope;
  const { maxSameOrganization: limit, weights } = ctx.options;
  if (weights.organization <= 0) return;
  for (const c of scope.counties) {
    const byOrg = new Map<string, Expert[]>();
    for (const e of scope.candidates.get(c.id) ?? []) {
      if (!e.organization) continue;
      const list = byOrg.get(e.organization);
      if (list) list.push(e);
      else byOrg.set(e.organization, [e]);
    }
    let k = 0;
    for (const members of [...byOrg.values()]) {
      if (members.length <= limit) continue;
      const o = scored(scope, terms, c, oVar(ctx, c, k), members.length, -weights.organization);
      model.constrain(`S4[${ctx.countyIndex.get(c.id)},${k}]`, [...members.map((e) => ({ name: xVar(ctx, e, c), coef: 1 })), { name: o, coef: -1 }], { max: limit });
      k++;
    }
  }
}

/** S6: d[c] ≥ |Σ x − T·z[c]| (two rows), penalized `size` per member of distance; 0 for an unmatched county. */
function addSizeCost(scope: ModelScope, terms: ScoreTerms): void {
  const { ctx, model } = scope;
  const w = ctx.options.weights.size;
  if (w <= 0) return;
  for (const c of scope.counties) {
    const list = scope.candidates.get(c.id) ?? [];
    const target = targetSizeOf(ctx, c);
    const d = scored(scope, terms, c, dVar(ctx, c), Math.max(target, list.length), -w);
    const xs = list.map((e) => ({ name: xVar(ctx, e, c), coef: 1 }));
    const z = zVar(ctx, c);
    const ci = ctx.countyIndex.get(c.id);
    model.constrain(`S6up[${ci}]`, [...xs, { name: z, coef: -target }, { name: d, coef: -1 }], { max: 0 });
    model.constrain(`S6down[${ci}]`, [...xs.map((t) => ({ name: t.name, coef: -1 })), { name: z, coef: target }, { name: d, coef: -1 }], { max: 0 });
  }
}

/** Builds the model; returns the scope whose `model` an engine can solve, with each county's score terms. */
export function buildGroupModel(ctx: RoundContext, spec: BuildSpec): BuiltModel {
  const terms: ScoreTerms = new Map();
  const scope: BuiltModel = { ctx, model: new LinearModel(), counties: spec.counties, candidates: spec.candidates, scoreTerms: terms };
  addAssignmentVariables(scope, spec, terms);
  for (const rule of spec.rules ?? MODEL_RULES) {
    if (rule === h2Capacity && spec.capacityRows === false) continue;
    rule.addConstraints?.(scope);
  }
  if (ctx.options.objective === 'default') {
    addLeaderTerm(scope, terms);
    addCoverageObjective(scope, terms);
    addIndustryObjective(scope, terms);
    addOrgTypeObjective(scope, terms);
    addOrganizationPenalty(scope, terms);
    addSizeCost(scope, terms);
  }
  return scope;
}
