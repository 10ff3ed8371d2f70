/**
 * What a rule is: an id, the policy sentence, a check over a solution, and
 * (for H2–H9) the constraints it adds to a model.
 */
import type { County, Expert } from '../model/schemas.js';
import type { Role } from '../model/vocabulary.js';
import type { LinearModel } from '../model/linear.js';
import type { RoundContext } from './context.js';

/** Rule ids of DESIGN section 1, and H4c (an expert leads at most one group, option `leadOnce`). */
export type RuleId = 'H1' | 'H2' | 'H3' | 'H4' | 'H4c' | 'H5' | 'H6' | 'H7' | 'H8' | 'H9' | 'H10';

/** A broken hard rule in a solution. */
export interface Violation {
  rule: RuleId;
  /** Short machine code, e.g. `over-capacity`. */
  code: string;
  countyId?: string;
  expertId?: string;
  /** Plain-language message. */
  message: string;
}

/** One member of a group as the checker sees it. */
export interface GroupMember {
  readonly expert: Expert;
  readonly role: Role;
}

/** A solution indexed for checking: groups by county, with unknown ids already reported. */
export interface SolutionView {
  readonly groups: ReadonlyMap<string, readonly GroupMember[]>;
  readonly unmatched: ReadonlyMap<string, string>;
  /** Every (county, expert) row, in input order, for duplicate detection. */
  readonly rows: readonly { countyId: string; expertId: string }[];
}

/** A model under construction for some counties and their candidate experts. */
export interface ModelScope {
  readonly ctx: RoundContext;
  readonly model: LinearModel;
  readonly counties: readonly County[];
  /** Candidate experts per county id; only these get variables. */
  readonly candidates: ReadonlyMap<string, readonly Expert[]>;
}

/** A hard rule. */
export interface Rule {
  readonly id: RuleId;
  /** One-line statement of the rule. */
  readonly title: string;
  /** The policy wording it comes from. */
  readonly policy: string;
  /** Violations of this rule in a solution. */
  check(ctx: RoundContext, solution: SolutionView): Violation[];
  /** Adds the rule's constraints to a model (absent for rules enforced elsewhere). */
  addConstraints?(scope: ModelScope): void;
}
