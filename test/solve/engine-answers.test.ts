/**
 * Issue 9 A1, at the engine layer: an engine's values are checked against
 * the model it was given before they are called optimal or feasible, by one
 * shared check (`verify.ts`) that every engine uses; values that break the
 * model make the answer `rejected`, and the exact solver turns that into a
 * typed engine failure, never a `SolverBugError` (which stays for the
 * library's own mistakes). `auto` then drops the polish with a warning and
 * returns the valid result it holds.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { LinearModel, type LinearEngine, type LinearSolution } from '../../src/model/linear.js';
import { resolveOptions } from '../../src/model/options.js';
import { buildContext } from '../../src/rules/context.js';
import { solveAuto } from '../../src/solve/auto.js';
import { highsEngine } from '../../src/solve/engines/highs.js';
import { jsLpEngine } from '../../src/solve/engines/jslp.js';
import { acceptAnswer, verifyValues } from '../../src/solve/engines/verify.js';
import { EngineFailedError, SolverBugError } from '../../src/solve/errors.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { solveScalable } from '../../src/solve/scalable/index.js';
import { validateInstance } from '../../src/io/validate.js';
import { scarceRound } from './scarce-round.js';

/** max a + 2b, a + b ≤ 1.5, a, b binary; c continuous in [0, 3] with c ≤ a + b. */
function smallModel(): LinearModel {
  const m = new LinearModel();
  m.binary('a', 1);
  m.binary('b', 2);
  m.continuous('c', 0, 3, 0.5);
  m.constrain('pick', [{ name: 'a', coef: 1 }, { name: 'b', coef: 1 }], { max: 1.5 });
  m.constrain('link', [{ name: 'c', coef: 1 }, { name: 'a', coef: -1 }, { name: 'b', coef: -1 }], { max: 0 });
  return m;
}

const values = (a: number, b: number, c: number): Map<string, number> => new Map([['a', a], ['b', b], ['c', c]]);

/** An engine that answers `feasible` with the values javascript-lp-solver was seen to return after its timeout: binaries at 2, rows broken. */
const junkEngine: LinearEngine = {
  name: 'junk',
  async solve(model): Promise<LinearSolution> {
    const junk = new Map([...model.variables.keys()].map((n) => [n, 2]));
    return { status: 'feasible', objective: 1e9, bound: Number.POSITIVE_INFINITY, values: junk };
  },
};

function scarceContext(seed: number, timeLimit: number) {
  const options = resolveOptions({ timeLimit });
  const checked = validateInstance(scarceRound(seed), options);
  expect(checked.issues).toEqual([]);
  return { ctx: buildContext(checked.instance, options), instance: checked.instance };
}

describe('engine answers are checked against their model', () => {
  it('accepts values that satisfy every row, bound and integrality (within rounding)', () => {
    const m = smallModel();
    expect(verifyValues(m, values(0, 1, 1))).toBeUndefined();
    expect(verifyValues(m, values(1e-9, 1 - 1e-9, 1 + 1e-9))).toBeUndefined();
  });

  it.each([
    ['a binary at 2', values(2, 0, 0), 'out-of-bounds'],
    ['a fractional binary', values(0.5, 0, 0), 'not-integral'],
    ['a broken row', values(1, 1, 0), 'row-broken'],
    ['a continuous variable beyond its bound', values(0, 0, 4), 'out-of-bounds'],
    ['a value left out', new Map([['a', 1]]), 'missing'],
    ['a NaN', values(Number.NaN, 0, 0), 'not-finite'],
  ] as const)('names %s', (_what, vals, kind) => {
    const defect = verifyValues(smallModel(), vals);
    expect(defect?.kind).toBe(kind);
    const answer = acceptAnswer('test', smallModel(), { status: 'feasible', objective: 0, bound: 10, values: vals });
    expect(answer.status).toBe('rejected');
    expect('message' in answer && answer.message).toMatch(/test returned values that break the model/);
  });

  it('recomputes the objective from the values and keeps the bound above it', () => {
    const answer = acceptAnswer('test', smallModel(), { status: 'feasible', objective: 99, bound: 1, values: values(0, 1, 1) });
    expect(answer).toMatchObject({ status: 'feasible', objective: 2.5, bound: 2.5 });
  });

  it('both library engines pass their answers through it', async () => {
    for (const engine of [jsLpEngine, highsEngine]) {
      const answer = await engine.solve(smallModel(), { timeLimitSeconds: 5 });
      expect(answer, engine.name).toMatchObject({ status: 'optimal', objective: 2.5, bound: 2.5 });
    }
  });
});

describe('an engine that returns junk is an engine failure, not a crash', () => {
  it('the exact solver throws EngineFailedError (not SolverBugError) for values that break the model', async () => {
    const { ctx } = scarceContext(1, 5);
    const error = await solveExact(ctx, { engine: junkEngine, startedAt: Date.now() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineFailedError);
    expect(error).not.toBeInstanceOf(SolverBugError);
    expect((error as EngineFailedError).status).toBe('rejected');
  });

  it('auto drops the failed polish with a warning and returns the scalable result it holds', async () => {
    const { ctx, instance } = scarceContext(1, 5);
    const startedAt = Date.now();
    const alone = await solveScalable(ctx, { startedAt });
    expect(alone.status).not.toBe('optimal');
    const result = await solveAuto(ctx, { startedAt: Date.now(), exactLimit: Number.POSITIVE_INFINITY, pairs: () => 0, engine: junkEngine });
    expect(result.assignments).toEqual(alone.assignments);
    expect(result.summary.upperBound).toBe(alone.summary.upperBound);
    expect(result.warnings.map((w) => w.code)).toEqual(['solver-fallback']);
    expect(result.warnings[0]?.message).toMatch(/exact polish was dropped.*junk engine failed \(rejected\)/);
    expect(checkSolution(instance, result, { timeLimit: 5 }).ok).toBe(true);
  });
});
