/**
 * Builds the MILP of DESIGN section 1 for some counties and their candidate
 * experts, in named steps: variables, then each rule's constraints, then
 * the objective. The same builder serves the whole exact model and the
 * one-county subproblems of the scalable solver.
 *
 *   maximize  matchReward·Σ z[c] + Σ coverage·w[c,n]·y[c,n] + Σ (fit[e,c] − price[e])·x[e,c] − organization·Σ o[c,k]
 */
import { LinearModel, type LinearTerm } from '../model/linear.js';
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { needsOf } from '../rules/context.js';
import { h2Capacity, h3GroupSize, h4Leader, h5Local, h6EastWest, h7RequiredNeeds, h9Pins } from '../rules/index.js';
import type { ModelScope, Rule } from '../rules/types.js';
import { oVar, xVar, yVar, zVar } from '../rules/variables.js';
import { coveredNeedIndices, memberFit } from '../objective/score.js';

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
 * its variables (S1–S4 without prices or match reward): what S5 (fairness)
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

/** The rules that add constraints, in the order they are added. H1 is structural, H8 acts through eligibility. */
export const MODEL_RULES: readonly Rule[] = [h2Capacity, h3GroupSize, h4Leader, h5Local, h6EastWest, h7RequiredNeeds, h9Pins];

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

/** S1: y[c,n] ≤ Σ_{e covers n} x[e,c], rewarded by coverage·weight; y is continuous, it settles at 0 or 1 with x. */
function addCoverageObjective(scope: ModelScope, terms: ScoreTerms): void {
  const { ctx, model } = scope;
  const w = ctx.options.weights.coverage;
  for (const c of scope.counties) {
    const needs = needsOf(ctx, c.id);
    const coverers = needs.map((): string[] => []);
    for (const e of scope.candidates.get(c.id) ?? []) for (const n of coveredNeedIndices(ctx, e, c)) coverers[n]?.push(xVar(ctx, e, c));
    needs.forEach((need, n) => {
      const names = coverers[n] ?? [];
      if (need.weight <= 0 || w <= 0 || names.length === 0) return;
      const y = model.continuous(yVar(ctx, c, n), 0, 1, w * need.weight).name;
      termsOf(terms, c).push({ name: y, coef: w * need.weight });
      model.constrain(`S1[${ctx.countyIndex.get(c.id)},${n}]`, [{ name: y, coef: 1 }, ...names.map((name) => ({ name, coef: -1 }))], { max: 0 });
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
      const o = model.continuous(oVar(ctx, c, k), 0, members.length, -weights.organization).name;
      termsOf(terms, c).push({ name: o, coef: -weights.organization });
      model.constrain(`S4[${ctx.countyIndex.get(c.id)},${k}]`, [...members.map((e) => ({ name: xVar(ctx, e, c), coef: 1 })), { name: o, coef: -1 }], { max: limit });
      k++;
    }
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
    addCoverageObjective(scope, terms);
    addOrganizationPenalty(scope, terms);
  }
  return scope;
}
