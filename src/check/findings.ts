/**
 * What `verifyResult` finds wrong with a stored result, as typed findings:
 * a broken hard rule, a claim of the summary or of a row that the input
 * refutes, or options that differ from those the checker was told to use.
 */
import type { RuleId } from '../rules/types.js';

/** Kinds of finding. */
export const FINDING_KINDS = ['violation', 'false-claim', 'options-mismatch'] as const;
/** A kind of finding: `violation` (a hard rule H1–H9 is broken), `false-claim` (a summary or row states what the input refutes), `options-mismatch`. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Codes of false claims and option mismatches (the README lists what each means). */
export const CLAIM_CODES = [
  'summary-missing', 'input-hash', 'objective', 'upper-bound-below-objective', 'upper-bound-missing', 'upper-bound-refuted', 'gap', 'status-gap',
  'status-infeasible', 'status-not-optimal', 'matched-counties', 'total-counties', 'experts-used', 'experts-free',
  'matchable-below-matched', 'weakest-group-score', 'weakest-group-bound', 'group-sizes', 'objective-mode', 'seed',
  'row-fit', 'row-covers', 'row-reason', 'false-reason', 'pin-not-in-input', 'withdrawn-serving',
  'vacancy-detail', 'vacancy-not-kept', 'ledger-missing', 'ledger-row', 'ledger-replay', 'ledger-state', 'ledger-events', 'ledger-parent',
  'roster-header', 'roster-row-shape', 'roster-missing-row', 'roster-duplicate-row', 'roster-extra-row', 'roster-cell', 'roster-order',
  'options-invalid', 'options-differ',
] as const;
/** A code of a false claim or an option mismatch. */
export type ClaimCode = (typeof CLAIM_CODES)[number];

/** One thing wrong with a stored result. */
export interface Finding {
  kind: FindingKind;
  /** The rule broken (violations only). */
  rule?: RuleId;
  /** For a violation, the rule's violation code (e.g. `over-capacity`); otherwise a `ClaimCode`. */
  code: string;
  /** The results file the finding is about, e.g. `summary.json`, `assignments.csv`. */
  file: string;
  /** The field or column, e.g. `objective`, `covers`, `options.localMin`. */
  field?: string;
  countyId?: string;
  expertId?: string;
  /** What the result says, as written. */
  claimed?: string;
  /** What the input gives. */
  actual?: string;
  /** Plain-language message. */
  message: string;
}

/** `H5 local-count: …` or `false claim objective: …`, one line. */
export function formatFinding(f: Finding): string {
  const where = `${f.file}${f.field ? ` [${f.field}]` : ''}`;
  if (f.kind === 'violation') return `${f.rule ?? ''} ${f.code}: ${f.message}`.trim();
  return `${f.kind === 'false-claim' ? 'false claim' : 'options'} ${f.code} (${where}): ${f.message}`;
}
