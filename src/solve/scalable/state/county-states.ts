/**
 * Which counties the search holds, and which it could not take up: read by
 * the dual side (`lagrangian.ts`), the bound (`bound.ts`) and the phases.
 */
import type { ScalableState } from './state.js';

/** Counties in the search, in position order. */
export function openCounties(state: ScalableState): number[] {
  const out: number[] = [];
  state.countyState.forEach((s, c) => {
    if (s === 'open') out.push(c);
  });
  return out;
}

/** Counties outside the search that a valid result might still match. */
export function unsearchedCounties(state: ScalableState): number[] {
  const out: number[] = [];
  state.countyState.forEach((s, c) => {
    if (s === 'unsupported' || s === 'unprepared') out.push(c);
  });
  return out;
}
