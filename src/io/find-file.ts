/**
 * Finding a contract file in a folder listing. People rename files in
 * Windows Explorer with any capitalization (`Counties.CSV`), and Windows
 * and macOS file systems do not care, so neither do we.
 */

/**
 * The folder entry for a contract file name: the exact name, else the only
 * entry equal to it ignoring case; `undefined` when there is none or the
 * match is ambiguous (`a.csv` and `A.CSV` side by side on Linux).
 */
export function findFile(names: readonly string[], file: string): string | undefined {
  if (names.includes(file)) return file;
  const hits = names.filter((n) => n.toLowerCase() === file.toLowerCase());
  return hits.length === 1 ? hits[0] : undefined;
}
