/**
 * Input problems: a union keyed on `code`, each located by file, line and
 * field, so a person can open the spreadsheet and fix the cell.
 */

/** Where a problem is: the file name (e.g. `experts.csv`), the 1-based line in it (the header is line 1), and the field (column). */
export interface IssueLocation {
  file: string;
  /** 1-based line number in the file; 0 when the problem concerns the whole file. */
  line: number;
  /** Column (English contract name) or `''` for the whole row or file. */
  field: string;
}

/** Codes of input problems. */
export const ISSUE_CODES = [
  'missing-file', 'unreadable-file', 'encoding', 'missing-column', 'duplicate-column',
  'bad-value', 'missing-value', 'duplicate-id', 'unknown-reference', 'key-county',
  'inconsistent-pin', 'bad-options', 'bad-row',
  // input folders: a header one slip away from a known column (refused); a row repeated with the same cells (a warning)
  'misspelled-column', 'duplicate-row',
  // results folders (readResultDir): a set not written whole, or changed since
  'missing-manifest', 'manifest-mismatch',
  // solving (a warning of the result): an optional second solver's answer dropped, the first one's kept
  'solver-fallback',
] as const;
/** A code of an input problem. */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** One input problem. */
export interface InputIssue extends IssueLocation {
  code: IssueCode;
  /** Plain-language message naming what is wrong and how to fix it. */
  message: string;
  /** The offending cell text, when there is one. */
  value?: string;
}

/** A warning that did not stop the run (e.g. a key county skipped by option). */
export interface InputWarning extends IssueLocation {
  code: IssueCode;
  message: string;
}

/** A non-empty list. */
export type NonEmpty<T> = [T, ...T[]];

/** True for a non-empty list, narrowing its type. */
export function isNonEmpty<T>(list: readonly T[]): list is NonEmpty<T> {
  return list.length > 0;
}

/** Formats an issue as `file:line field: message`. */
export function formatIssue(issue: InputIssue | InputWarning): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  return issue.field ? `${where} [${issue.field}] ${issue.message}` : `${where} ${issue.message}`;
}

/** Thrown by the `…OrThrow` variants when input is refused; carries every issue. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly issues: NonEmpty<InputIssue>) {
    super(`${issues.length} input problem(s):\n${issues.map(formatIssue).join('\n')}`);
  }
}
