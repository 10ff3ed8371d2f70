/**
 * The exact solver's lexicographic order (pinned counties, then the
 * counties matched in each priority tier, then the soft score) solved by a
 * sequence of MILPs over one model, never by rewards that grow with the
 * number of tiers.
 *
 * Why not one MILP: rewards that make tier t worth more than every later
 * tier together grow geometrically (`order` on 50 counties would need
 * coefficients near 2^50 beside fits of 0.1), far past what an engine's
 * tolerances of 1e-6 to 1e-9 can keep apart. Each solve here uses two
 * reward levels only, as the pinned reward always did: `hi` on the level
 * being decided, `reward` (larger than the whole spread of the soft score)
 * on every county, so coefficients stay within (counties + 1)·reward.
 *
 * The levels, in order: the open counties with pins (when any), then each
 * priority tier's open counties. Solve j puts `hi` on the first level not
 * yet decided, with every decided level held at its count (z fixed to 1
 * for a level matched in full, to 0 for a level none of which can be, else
 * Σ z ≥ count). Its answer decides that
 * level, every following level it matches in full (no result does better
 * there), and more: the `reward` on every county makes the answer match as
 * many counties as it can given the earlier levels, and with the earlier
 * tiers at their counts the total differs from the later tiers' counts by a
 * constant. So when one tier is left, its count is decided; when the answer
 * matches none of the later tiers, no result can, and all are decided at 0.
 * A round with one tier therefore takes one solve, exactly the model it
 * always had; a round with distinct priorities takes one solve more for each
 * tier some solve leaves short before the tiers saturate
 * (test/solve/priority.test.ts: `order` on 12 counties with 6 leaders takes
 * 6 solves).
 */
import type { LinearModel, LinearSolution, ValuedSolution as Valued } from '../../model/linear.js';
import type { County } from '../../model/schemas.js';
import { pinsOf, type RoundContext } from '../../rules/context.js';
import { priorityTiers } from '../../rules/priority.js';
import { zVar } from '../../rules/variables.js';

/** One level of the lexicographic order. */
export interface Level {
  /** `pins`: the counties with pins (H9); `tier`: one priority tier. */
  readonly kind: 'pins' | 'tier';
  /** Its open counties, in round order. */
  readonly counties: readonly County[];
}

/** The levels of the order over the open counties (empty levels left out). */
export function lexicographicLevels(ctx: RoundContext, open: readonly County[]): Level[] {
  const levels: Level[] = [];
  const pinned = open.filter((c) => pinsOf(ctx, c.id).length > 0);
  if (pinned.length > 0) levels.push({ kind: 'pins', counties: pinned });
  const isOpen = new Set(open.map((c) => c.id));
  for (const tier of priorityTiers(ctx).tiers) {
    const counties = tier.filter((c) => isOpen.has(c.id));
    if (counties.length > 0) levels.push({ kind: 'tier', counties });
  }
  return levels;
}


/** What the sequence of solves gives. */
export type LexOutcome =
  | {
      kind: 'solved';
      /** The last answer with values: a valid point of the model. */
      answer: Valued;
      /** True when every level was decided by optimal answers: the answer is lexicographically optimal. */
      proven: boolean;
      /** A bound on the soft score of any valid result at least as good as the answer in the order (see `boundFor`). */
      bound: number;
      /** Engine solves made. */
      solves: number;
    }
  /** The first solve gave no values: nothing is known. */
  | { kind: 'failed'; answer: Exclude<LinearSolution, Valued>; solves: number };

/** How one solve of the model is run (the caller's engine, time limit and checks). */
export type SolveOnce = (model: LinearModel) => Promise<LinearSolution>;

/**
 * Solves the model lexicographically over `levels` (see the module
 * comment). `reward` is already the objective of every z[c] in `model`;
 * `hi` is added to the z of the level being decided and taken off again,
 * so the model is left as it was but for the rows holding decided levels.
 */
export async function solveLexicographic(ctx: RoundContext, model: LinearModel, levels: readonly Level[], reward: number, hi: number, solveOnce: SolveOnce): Promise<LexOutcome> {
  const z = (c: County): string => zVar(ctx, c);
  const raise = (level: Level | undefined, by: number): void => {
    if (level) for (const c of level.counties) model.addObjective(z(c), by);
  };
  /** Levels decided, with their counts; those after `held` still need their rows. */
  const decided: number[] = [];
  let held = 0;
  let last: { answer: Valued; level: number } | undefined;
  let proven = true;
  let solves = 0;
  let next = 0;
  // One solve when there are no levels at all (no open county): the plain model.
  do {
    for (; held < decided.length; held++) holdLevel(ctx, model, levels[held]!, decided[held]!, held);
    raise(levels[next], hi);
    const answer = await solveOnce(model);
    raise(levels[next], -hi);
    solves++;
    if (!('values' in answer)) {
      if (!last) return { kind: 'failed', answer, solves };
      proven = false;
      break;
    }
    last = { answer, level: next };
    if (answer.status !== 'optimal') {
      proven = false;
      break;
    }
    const on = (c: County): boolean => (answer.values.get(z(c)) ?? 0) > 0.5;
    const count = (level: Level): number => level.counties.filter(on).length;
    if (next < levels.length) decided.push(count(levels[next]!));
    next++;
    while (next < levels.length && count(levels[next]!) === levels[next]!.counties.length) decided.push(levels[next++]!.counties.length);
    // The reward on every county made the answer match as many of the levels still open as any result can
    // beside the decided ones (module comment): with one level left that decides it; with none matched, all.
    const rest = levels.slice(next);
    if (rest.length === 1 && rest[0]!.kind === 'tier') decided.push(count(levels[next++]!));
    else if (rest.length > 1 && rest.every((l) => l.kind === 'tier' && count(l) === 0)) for (; next < levels.length; next++) decided.push(0);
  } while (next < levels.length);
  const answer = last!.answer;
  return { kind: 'solved', answer, proven, bound: boundFor(ctx, answer, levels, last!.level, reward, hi, proven), solves };
}

/**
 * Holds a decided level at its count: every z fixed to 1 when it is matched
 * in full, to 0 when no result can match any of it (its count is a maximum
 * given the earlier levels, so a better result has none either; fixing them
 * takes the county out of every later solve), else a row Σ z ≥ count.
 */
function holdLevel(ctx: RoundContext, model: LinearModel, level: Level, count: number, index: number): void {
  if (count === level.counties.length || count <= 0) {
    for (const c of level.counties) model.fix(zVar(ctx, c), count <= 0 ? 0 : 1);
    return;
  }
  model.constrain(`LEX[${index}]`, level.counties.map((c) => ({ name: zVar(ctx, c), coef: 1 })), { min: count });
}

/**
 * A bound on the soft score of any valid result R at least as good as the
 * answer A in the order, from the engine's bound B of the solve that gave A
 * (with `hi` on level h; every earlier solve optimal, so R matches as many
 * as A on the levels before h and meets their rows):
 * score(R) ≤ B − hi·|R ∩ L_h| − reward·|R|. When R matches more of L_h,
 * `hi` > reward·(counties) covers any total; otherwise |R| is at least what
 * A matches in the tiers up to h (or in L_h, for the pins level). Proven
 * answers bound exactly: B less the rewards A earns.
 */
function boundFor(ctx: RoundContext, answer: Valued, levels: readonly Level[], h: number, reward: number, hi: number, proven: boolean): number {
  const on = (c: County): boolean => (answer.values.get(zVar(ctx, c)) ?? 0) > 0.5;
  const count = (level: Level | undefined): number => (level ? level.counties.filter(on).length : 0);
  let matched = 0;
  for (const c of ctx.counties) if (answer.values.has(zVar(ctx, c)) && on(c)) matched++;
  if (proven) return answer.bound - hi * count(levels[h]) - reward * matched;
  const level = levels[h];
  let lower = 0;
  if (level?.kind === 'pins') lower = count(level);
  else for (let i = 0; i <= h && i < levels.length; i++) if (levels[i]!.kind === 'tier') lower += count(levels[i]);
  return answer.bound - hi * count(level) - reward * lower;
}
