/**
 * Decoding a file's bytes. Spreadsheets reach us as UTF-8 (with or without
 * the BOM Excel adds to "CSV UTF-8") or as GBK/GB18030, which Excel writes
 * for plain "CSV" in Chinese locales.
 */
import type { InputIssue } from '../model/issues.js';

/** The encoding a file was read in. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** A decoded file, or the reason it could not be decoded. */
export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; issue: InputIssue };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Decodes a file's bytes: valid UTF-8 (a BOM is removed) is read as UTF-8,
 * anything else as GB18030 (a superset of GBK and GB2312). The order matters:
 * GB18030 accepts most byte strings, while UTF-8 is strict, so a file that
 * decodes as UTF-8 is almost surely UTF-8 (pure ASCII is both). A file that
 * is neither gives an `encoding` issue naming it.
 *
 * @param bytes the file's contents
 * @param file the name used in the issue, e.g. `experts.csv`
 * @example
 * ```ts
 * const r = decodeBytes(await readFile('experts.csv'), 'experts.csv');
 * if (r.ok) console.log(r.encoding, r.text.length);
 * ```
 */
export function decodeBytes(bytes: Uint8Array, file: string): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    // Excel's "Unicode text" export: UTF-16 and tab-separated, not a CSV we can read.
    return { ok: false, issue: encodingIssue(file, 'is UTF-16 ("Unicode text"); save it as "CSV UTF-8" or "CSV" instead') };
  }
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    // ignoreBOM keeps a second BOM (not ours to remove) as text; fatal rejects invalid sequences.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // Not UTF-8: try the encoding Excel uses for "CSV" in Chinese locales.
  }
  if (!hasBom) {
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(body);
      return { ok: true, text, encoding: 'gb18030' };
    } catch {
      // Neither: reported below.
    }
  }
  return { ok: false, issue: encodingIssue(file, 'is neither UTF-8 nor GBK/GB18030; save it as "CSV UTF-8"') };
}

function encodingIssue(file: string, what: string): InputIssue {
  return { code: 'encoding', file, line: 0, field: '', message: `the file ${file} ${what}` };
}
