/**
 * Decoding a file's bytes. Spreadsheets reach us as UTF-8 (with or without
 * the BOM Excel adds to "CSV UTF-8") or as GBK/GB18030, which Excel writes
 * for plain "CSV" in Chinese locales.
 */
import { TextDecoder } from 'node:util';
import type { InputIssue } from '../model/issues.js';

/** The encoding a file was read in. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** A decoded file, or the reason it could not be decoded. */
export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; issue: InputIssue };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * What a file's first bytes say about its encoding: `utf-16` (a UTF-16 BOM,
 * Excel's "Unicode text"), `utf-8-bom` (the UTF-8 BOM Excel writes for "CSV
 * UTF-8"), or `none`.
 *
 * @param head the file's first bytes (3 are enough; fewer when the file is shorter)
 */
export function sniffBom(head: Uint8Array): 'utf-16' | 'utf-8-bom' | 'none' {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return 'utf-16';
  return UTF8_BOM.every((b, i) => head[i] === b) ? 'utf-8-bom' : 'none';
}

/** Length in bytes of the UTF-8 BOM, which `decodeBytes` and `readCsvFile` remove. */
export const UTF8_BOM_LENGTH = UTF8_BOM.length;

/**
 * A strict decoder for one of the two encodings we read: invalid bytes make
 * `decode` throw instead of turning into U+FFFD. `ignoreBOM` keeps a second
 * BOM (not ours to remove) as text; the first one is removed by the caller.
 * Use `decode(bytes, { stream: true })` chunk by chunk, then `decode()`.
 */
export function strictDecoder(encoding: 'utf-8' | 'gb18030'): TextDecoder {
  return encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) : new TextDecoder('gb18030', { fatal: true });
}

/**
 * Decodes a file's bytes: valid UTF-8 (a BOM is removed) is read as UTF-8,
 * anything else as GB18030 (a superset of GBK and GB2312). The order matters:
 * GB18030 accepts most byte strings, while UTF-8 is strict, so a file that
 * decodes as UTF-8 is almost surely UTF-8 (pure ASCII is both). A file that
 * is neither gives an `encoding` issue naming it. `readCsvFile` applies the
 * same rules to a file streamed in bounded memory.
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
  const bom = sniffBom(bytes);
  if (bom === 'utf-16') return { ok: false, issue: utf16Issue(file) };
  const hasBom = bom === 'utf-8-bom';
  const body = hasBom ? bytes.subarray(UTF8_BOM_LENGTH) : bytes;
  try {
    const text = strictDecoder('utf-8').decode(body);
    return { ok: true, text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // Not UTF-8: try the encoding Excel uses for "CSV" in Chinese locales.
  }
  if (!hasBom) {
    try {
      const text = strictDecoder('gb18030').decode(body);
      return { ok: true, text, encoding: 'gb18030' };
    } catch {
      // Neither: reported below.
    }
  }
  return { ok: false, issue: undecodableIssue(file) };
}

/** The `encoding` issue of a UTF-16 file: Excel's "Unicode text" export, UTF-16 and tab-separated, not a CSV we can read. */
export function utf16Issue(file: string): InputIssue {
  return encodingIssue(file, 'is UTF-16 ("Unicode text"); save it as "CSV UTF-8" or "CSV" instead');
}

/** The `encoding` issue of a file that is neither UTF-8 nor GBK/GB18030. */
export function undecodableIssue(file: string): InputIssue {
  return encodingIssue(file, 'is neither UTF-8 nor GBK/GB18030; save it as "CSV UTF-8"');
}

function encodingIssue(file: string, what: string): InputIssue {
  return { code: 'encoding', file, line: 0, field: '', message: `the file ${file} ${what}` };
}
