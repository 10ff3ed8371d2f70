/**
 * A solver-neutral mixed-integer linear model: variables and constraints
 * keyed by name, always maximized. Engines translate it; rules fill it.
 */

/** A decision variable. */
export interface LinearVariable {
  readonly name: string;
  readonly type: 'binary' | 'continuous';
  lb: number;
  ub: number;
  /** Objective coefficient (maximized). */
  obj: number;
}

/** `coef × variable`. */
export interface LinearTerm {
  readonly name: string;
  readonly coef: number;
}

/** `min ≤ Σ terms ≤ max`; either bound may be absent. */
export interface LinearConstraint {
  readonly name: string;
  readonly terms: readonly LinearTerm[];
  readonly min?: number;
  readonly max?: number;
}

/** A maximization model under construction. */
export class LinearModel {
  readonly variables = new Map<string, LinearVariable>();
  readonly constraints: LinearConstraint[] = [];
  private readonly constraintNames = new Set<string>();

  /** Adds a binary variable (or returns the existing one). */
  binary(name: string, obj = 0): LinearVariable {
    return this.variable(name, 'binary', 0, 1, obj);
  }

  /** Adds a continuous variable with bounds (or returns the existing one). */
  continuous(name: string, lb: number, ub: number, obj = 0): LinearVariable {
    return this.variable(name, 'continuous', lb, ub, obj);
  }

  private variable(name: string, type: LinearVariable['type'], lb: number, ub: number, obj: number): LinearVariable {
    const existing = this.variables.get(name);
    if (existing) return existing;
    const created: LinearVariable = { name, type, lb, ub, obj };
    this.variables.set(name, created);
    return created;
  }

  /** True when the variable exists. */
  has(name: string): boolean {
    return this.variables.has(name);
  }

  /** Adds `coef` to a variable's objective coefficient. */
  addObjective(name: string, coef: number): void {
    const v = this.variables.get(name);
    if (!v) throw new Error(`objective term on unknown variable ${name}`);
    v.obj += coef;
  }

  /** Adds a constraint; terms on unknown variables are a programming error. Names must be unique. */
  constrain(name: string, terms: readonly LinearTerm[], bounds: { min?: number; max?: number }): void {
    if (this.constraintNames.has(name)) throw new Error(`duplicate constraint ${name}`);
    for (const t of terms) if (!this.variables.has(t.name)) throw new Error(`constraint ${name} uses unknown variable ${t.name}`);
    this.constraintNames.add(name);
    const c: { name: string; terms: readonly LinearTerm[]; min?: number; max?: number } = { name, terms };
    if (bounds.min !== undefined) c.min = bounds.min;
    if (bounds.max !== undefined) c.max = bounds.max;
    this.constraints.push(c);
  }

  /** Fixes a variable's value through its bounds. */
  fix(name: string, value: number): void {
    const v = this.variables.get(name);
    if (!v) throw new Error(`fix on unknown variable ${name}`);
    v.lb = value;
    v.ub = value;
  }
}

/**
 * An engine's answer for a `LinearModel`. Values are read only when `status` is `optimal` or `feasible`,
 * and only after they passed the model's own rows (`src/solve/engines/verify.ts`): an answer whose
 * values break them is `rejected`, an engine failure like any other.
 */
export type LinearSolution =
  | { status: 'optimal' | 'feasible'; objective: number; bound: number; values: ReadonlyMap<string, number> }
  | { status: 'infeasible' | 'unbounded' | 'time-limit' | 'error' | 'rejected'; message: string };

/** An answer that carries values (`optimal` or `feasible`). */
export type ValuedSolution = Extract<LinearSolution, { values: ReadonlyMap<string, number> }>;

/** What an engine is given besides the model. */
export interface EngineLimits {
  /** Seconds the engine may use from the call. */
  timeLimitSeconds: number;
}

/** Something that solves a `LinearModel`. */
export interface LinearEngine {
  readonly name: string;
  solve(model: LinearModel, limits: EngineLimits): Promise<LinearSolution>;
}
