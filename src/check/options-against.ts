/**
 * The options a result is checked against. A checker trusts nothing the
 * result says about itself: the rules' parameters are the policy defaults,
 * or those the checker is given (an options file, flags), never those of
 * the result's own summary.json. The summary's options are compared with
 * them instead: an option that defines a rule or the score must agree;
 * one that only steers the run is reported, never refused.
 */
import { readFile } from 'node:fs/promises';
import { defaultOptions, OptionsSchema, WeightsSchema, type Options, type OptionsInput } from '../model/options.js';
import { isNonEmpty, type InputIssue, type NonEmpty } from '../model/issues.js';
import type { Finding } from './findings.js';

/** Options that only steer a run (which engine, how long, which random choices): they change which valid result is found, never what is valid or how it scores. */
export const RUN_OPTION_KEYS = ['solver', 'timeLimit', 'seed'] as const;
/** An option that only steers a run. */
export type RunOptionKey = (typeof RUN_OPTION_KEYS)[number];

/** Every option name, in the schema's order. */
export const OPTION_KEYS = Object.keys(OptionsSchema.shape) as (keyof Options)[];

/** Options that change nothing a result holds (`workers`: how many threads find it): never compared, nor written to summary.json. */
export const UNCOMPARED_OPTION_KEYS: readonly (keyof Options)[] = ['workers'];

/** Options that define a rule (H2–H10) or the score (objective, weights, fairness): a result solved with others is not the round being checked. */
export const RULE_OPTION_KEYS: readonly (keyof Options)[] = OPTION_KEYS.filter((k) => !(RUN_OPTION_KEYS as readonly string[]).includes(k) && !UNCOMPARED_OPTION_KEYS.includes(k));

/** One option whose value differs between two sets of options. */
export interface OptionDifference {
  key: keyof Options;
  /** The value in the options of interest, as JSON. */
  value: string;
  /** The value it is compared with, as JSON. */
  other: string;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The options among `keys` whose values differ between `a` and `b` (in schema order). */
export function differingOptions(a: Options, b: Readonly<Options>, keys: readonly (keyof Options)[] = OPTION_KEYS): OptionDifference[] {
  return keys.filter((k) => !same(a[k], b[k])).map((key) => ({ key, value: JSON.stringify(a[key]), other: JSON.stringify(b[key]) }));
}

/** The options that differ from the policy defaults (`defaultOptions`). */
export function differencesFromPolicy(options: Options, keys: readonly (keyof Options)[] = OPTION_KEYS.filter((k) => !UNCOMPARED_OPTION_KEYS.includes(k))): OptionDifference[] {
  return differingOptions(options, defaultOptions, keys);
}

/** `groupMin 3 (policy 8), objective "affinity" (policy "default")`, or `` when none. */
export function describeDifferences(diffs: readonly OptionDifference[], otherName = 'policy'): string {
  return diffs.map((d) => `${d.key} ${d.value} (${otherName} ${d.other})`).join(', ');
}

/** What comparing a summary's options with the checker's found. */
export interface SummaryOptionsComparison {
  /** Rule or score options that differ, or options the summary holds that are not valid: each refuses the result. */
  findings: Finding[];
  /** Run options of the summary that differ from the checker's (reported, not refused). */
  runDifferences: OptionDifference[];
  /** The summary's options with defaults filled in, when they are valid. */
  summaryOptions?: Options;
}

/**
 * Compares the options written in summary.json with those the result is
 * checked against. Every rule or score option (`RULE_OPTION_KEYS`) that
 * differs is an `options-differ` finding; options that do not parse are an
 * `options-invalid` finding; run options (`RUN_OPTION_KEYS`) that differ
 * are returned in `runDifferences`.
 */
export function compareSummaryOptions(checkOptions: Options, summaryOptions: Readonly<Record<string, unknown>>): SummaryOptionsComparison {
  const parsed = OptionsSchema.safeParse(summaryOptions);
  if (!parsed.success) {
    return {
      runDifferences: [],
      findings: parsed.error.issues.map((zi): Finding => ({
        kind: 'options-mismatch', code: 'options-invalid', file: 'summary.json', field: `options.${zi.path.join('.')}`,
        message: `the options written in summary.json are not valid options (${zi.path.join('.') || 'options'}: ${zi.message}); the result cannot say which rules it was solved under`,
      })),
    };
  }
  const theirs = parsed.data;
  const findings = differingOptions(theirs, checkOptions, RULE_OPTION_KEYS).map((d): Finding => ({
    kind: 'options-mismatch', code: 'options-differ', file: 'summary.json', field: `options.${d.key}`, claimed: d.value, actual: d.other,
    message: `the result was solved with ${d.key} ${d.value}, but it is checked against ${d.key} ${d.other}; check it with the options it should hold (--options FILE or flags), or re-solve it`,
  }));
  return { findings, runDifferences: differingOptions(theirs, checkOptions, RUN_OPTION_KEYS), summaryOptions: theirs };
}

/** The outcome of reading options: the options, or every problem (never empty). */
export type OptionsRead = { ok: true; options: OptionsInput } | { ok: false; issues: NonEmpty<InputIssue> };

function unknownKeys(value: Record<string, unknown>, known: readonly string[], prefix: string, file: string): InputIssue[] {
  return Object.keys(value).filter((k) => !known.includes(k)).map((k): InputIssue => ({
    code: 'bad-options', file, line: 0, field: `${prefix}${k}`,
    message: `${prefix}${k} is not an option; the options are ${known.join(', ')}`,
  }));
}

/**
 * Validates a JSON value as `OptionsInput`: every field of `OptionsSchema`,
 * nothing else (a misspelled option is refused, never silently ignored).
 * Issues name the file and the option.
 */
export function parseOptionsInput(value: unknown, file: string): OptionsRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [{ code: 'bad-options', file, line: 0, field: '', message: `${file} must hold one JSON object of options, e.g. { "groupMin": 6 }` }] };
  }
  const record = value as Record<string, unknown>;
  const issues = unknownKeys(record, OPTION_KEYS, '', file);
  const weights = record['weights'];
  if (typeof weights === 'object' && weights !== null && !Array.isArray(weights)) {
    issues.push(...unknownKeys(weights as Record<string, unknown>, Object.keys(WeightsSchema.shape), 'weights.', file));
  }
  const parsed = OptionsSchema.safeParse(record);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      if (zi.code === 'unrecognized_keys') continue;
      issues.push({ code: 'bad-options', file, line: 0, field: zi.path.join('.'), message: `${zi.path.join('.') || 'options'}: ${zi.message}` });
    }
  }
  if (isNonEmpty(issues)) return { ok: false, issues };
  return { ok: true, options: record as OptionsInput };
}

/** Reads and validates an options file (JSON `OptionsInput`); a missing file or bad JSON is an issue, never a throw. */
export async function readOptionsFile(path: string): Promise<OptionsRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return { ok: false, issues: [{ code: 'unreadable-file', file: path, line: 0, field: '', message: `the options file ${path} ${why}` }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    return { ok: false, issues: [{ code: 'bad-options', file: path, line: 0, field: '', message: `the options file ${path} is not valid JSON (${(error as Error).message})` }] };
  }
  return parseOptionsInput(value, path);
}
