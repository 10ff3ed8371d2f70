/**
 * Argument parsing for every command, on node:util's parseArgs.
 */
import { parseArgs } from 'node:util';

/** A command line that cannot be understood; printed with the command's help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Option specs as node:util takes them. */
export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parses `argv` against the specs; unknown options and stray words are usage errors. */
export function parseCommandArgs(argv: readonly string[], options: OptionSpecs): Record<string, string | boolean | undefined> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return values as Record<string, string | boolean | undefined>;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify.*$/s, '') : String(e));
  }
}

/** A required string option. */
export function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** An optional number option. */
export function optionalNumber(values: Record<string, unknown>, name: string, check: (n: number) => boolean, what: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${what}, not "${String(v)}"`);
  return n;
}

/** An optional option restricted to a list of words. */
export function optionalChoice<T extends string>(values: Record<string, unknown>, name: string, choices: readonly T[]): T | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not "${String(v)}"`);
  return v as T;
}
