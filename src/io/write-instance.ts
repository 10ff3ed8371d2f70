/**
 * Writing an instance as an input folder: the seven CSV files of DESIGN
 * section 2, so that a generated or edited round can be opened in a
 * spreadsheet and read back unchanged.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Instance } from '../model/schemas.js';
import { writeFileAtomic } from './atomic-write.js';
import { csvText } from './csv-format.js';
import { COLUMNS, INPUT_FILES, KIND_OF_FILE, type InputFileName } from './headers.js';

/** A cell's text for a typed value: lists joined with `;`, booleans `true`/`false`, absent values empty. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/**
 * The seven CSV texts of an instance, by file name: English headers in the
 * contract's column order, rows in instance order, `\n` line ends, UTF-8
 * text (no BOM). Deterministic: the same instance gives the same bytes.
 *
 * Free text is written as is (not neutralized against CSV injection as
 * results are): an input folder must read back exactly, and its text came
 * from the person who owns the folder.
 */
export function instanceToCsv(instance: Instance): Record<InputFileName, string> {
  const out = {} as Record<InputFileName, string>;
  for (const file of INPUT_FILES) {
    const columns = COLUMNS[file];
    const list = instance[KIND_OF_FILE[file]] as readonly object[];
    const rows = list.map((entity) => columns.map((c) => cellText((entity as Record<string, unknown>)[c.field])));
    out[file] = csvText(columns.map((c) => c.column), rows);
  }
  return out;
}

/**
 * Writes an instance as an input folder (created if missing): all seven
 * files, affinity.csv and pinned.csv too (header only when empty), each
 * atomically. `readInstanceDir` reads it back equal to `instance`, for any
 * valid instance whose stages are written in English and whose optional
 * text (e.g. `batch`) is absent rather than empty.
 *
 * @example
 * ```ts
 * await writeInstanceDir('examples/demo', generate({ preset: 'demo' }));
 * ```
 */
export async function writeInstanceDir(dir: string, instance: Instance): Promise<void> {
  await mkdir(dir, { recursive: true });
  const texts = instanceToCsv(instance);
  for (const file of INPUT_FILES) await writeFileAtomic(join(dir, file), texts[file]);
}
