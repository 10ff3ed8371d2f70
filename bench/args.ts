/**
 * Reading a benchmark command's flags (`--name value`, `--list a,b`,
 * `--switch`): shared by bench/run.ts and bench/repair.ts.
 */

/** A bad command line: an unknown flag, a flag without its value, a value of the wrong kind. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/** Typed access to the flags of one command line. */
export interface FlagReader {
  /** True when the switch is present. */
  has(flag: string): boolean;
  /** The flag's value, or undefined when the flag is absent. */
  value(flag: string): string | undefined;
  /** The flag's comma-separated values, or undefined when absent. */
  list(flag: string): string[] | undefined;
  /** The flag's value as a positive number, or `fallback`. */
  positive(flag: string, fallback: number): number;
  /** The flag's comma-separated values as safe integers, or undefined when absent. */
  integers(flag: string): number[] | undefined;
}

/**
 * Reads `argv` against the command's `known` flags.
 * @throws BenchUsageError on a flag that is not in `known`
 */
export function readFlags(argv: readonly string[], known: readonly string[]): FlagReader {
  for (const a of argv) if (a.startsWith('--') && !known.includes(a)) throw new BenchUsageError(`unknown option ${a}; known: ${known.join(' ')}`);
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new BenchUsageError(`${flag} needs a value`);
    return v;
  };
  const list = (flag: string): string[] | undefined => value(flag)?.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    has: (flag) => argv.includes(flag),
    value,
    list,
    positive(flag, fallback) {
      const v = value(flag);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new BenchUsageError(`${flag} must be a positive number, not ${v}`);
      return n;
    },
    integers(flag) {
      return list(flag)?.map((s) => {
        const n = Number(s);
        if (!Number.isSafeInteger(n)) throw new BenchUsageError(`${flag}: ${s} is not an integer`);
        return n;
      });
    },
  };
}
