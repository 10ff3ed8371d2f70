/**
 * What a solve returns. The meaning of each field per status:
 *
 * - `optimal`: `assignments` is a proven best valid result; `summary.gap` is 0.
 * - `feasible`: `assignments` is valid; `summary.upperBound` bounds the best
 *   possible score, so `summary.gap` is a proof of how close it is.
 * - `time-limit`: the limit ran out; `assignments` is the best valid result
 *   found (possibly with every county unmatched, reason `not-solved`).
 * - `infeasible`: no county can be matched; `assignments` is empty and
 *   `unmatched` says why for each county.
 *
 * In every status, `assignments` passed `checkSolution`, and every county
 * appears exactly once: in a group or in `unmatched`.
 */
import type { Assignment, Status, Summary, Unmatched } from './schemas.js';
import type { InputWarning } from './issues.js';

/** The groups of a round as plain pairs: what `checkSolution` verifies. */
export interface Solution {
  assignments: readonly Pick<Assignment, 'countyId' | 'expertId' | 'role'>[];
  unmatched: readonly Pick<Unmatched, 'countyId' | 'reasonCode'>[];
  /**
   * Members of groups kept with a vacancy (a repair's vacancies.csv): each
   * county here is unmatched with reason `vacancy`; its members hold their
   * places (H2, H9) and keep every rule but the vacant places (`src/rules/vacancy.ts`).
   */
  vacancies?: readonly VacancyMember[];
}

/** One member of a group kept with a vacancy (a row of vacancies.csv). */
export type VacancyMember = Pick<Assignment, 'countyId' | 'expertId' | 'role'>;

/** A solve's full answer. */
export interface SolveResult {
  status: Status;
  /** One row per member, sorted by county then role then expert. */
  assignments: Assignment[];
  /** One row per county without a group, sorted by county. */
  unmatched: Unmatched[];
  /** Members of the groups kept with a vacancy (`repair`), sorted as `assignments`; absent or empty when there is none. */
  vacancies?: VacancyMember[];
  summary: Summary;
  /** Things worth knowing that did not stop the run. */
  warnings: InputWarning[];
}
