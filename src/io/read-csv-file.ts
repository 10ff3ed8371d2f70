/**
 * Reading one CSV file in bounded memory: bytes are read in chunks, decoded
 * as a stream and parsed record by record, so that only the parsed records
 * are kept (not the file's bytes, nor its text). The encoding rules are
 * those of `decodeBytes`, applied to the stream.
 */
import type { InputIssue } from '../model/issues.js';
import type { FileHandle } from 'node:fs/promises';
import { sniffBom, strictDecoder, undecodableIssue, utf16Issue, UTF8_BOM_LENGTH, type TextEncodingName } from './encoding.js';
import { CsvStreamParser, type CsvParseOptions, type CsvRecordSink, type CsvSinkResult } from './read-csv.js';
import { CHUNK_BYTES, openRegularFile, readChunks } from './read-file.js';

/** A CSV file read: what the sink made of its records and the encoding it was read in, or the one issue that stopped the reading. */
export type CsvFileResult<T> =
  | { ok: true; value: T; encoding: TextEncodingName }
  | { ok: false; issue: InputIssue };

/** Options of `readCsvFile`: those of the parser, and the read size. */
export interface ReadCsvFileOptions extends CsvParseOptions {
  /** Bytes read at a time; default `CHUNK_BYTES` (64 KiB). */
  chunkBytes?: number;
}

/** One pass over the file in one encoding: the parse, or `undefined` when the bytes are not in that encoding. */
type Pass<T> = CsvSinkResult<T> | undefined;

/**
 * Reads and parses a CSV file, handing each record to a sink as it is
 * parsed: besides what the sink keeps, at most one chunk of bytes and one
 * record of text are held.
 *
 * - Folders, pipes, sockets and devices are refused before anything is read
 *   (`openRegularFile`); these and read errors give `unreadable-file`.
 * - Encoding, as `decodeBytes` decides it on the whole file: a UTF-16 BOM is
 *   refused; a file that is valid UTF-8 throughout (a leading BOM removed)
 *   is UTF-8; else, without a UTF-8 BOM, GB18030 (GBK); else `encoding`.
 *   The file is parsed as UTF-8 while it is read, and read again as GB18030
 *   when an invalid UTF-8 byte turns up. When the parse fails, the rest of
 *   the file is still decoded (not parsed) so that a file in neither
 *   encoding gets its `encoding` issue, as before.
 * - A record longer than `opts.maxRecordChars` (default 4 Mi characters)
 *   stops the reading at once with a `bad-row` issue at the line it starts
 *   on, naming the column reached: a huge file of one unclosed quote or one
 *   endless line is refused after a few megabytes, whatever its encoding
 *   turns out to be.
 *
 * @param path the file to read
 * @param file the name used in issues, e.g. `experts.csv`
 * @param newSink makes the sink of one pass (a second pass, as GB18030, starts afresh), e.g. `collectRecords`
 * @param opts the record limit, the header-to-field mapping, the read size
 * @example
 * ```ts
 * const r = await readCsvFile('in/experts.csv', 'experts.csv', collectRecords);
 * if (r.ok) console.log(r.encoding, r.value.rows.length);
 * ```
 */
export async function readCsvFile<T>(path: string, file: string, newSink: () => CsvRecordSink<T>, opts: ReadCsvFileOptions = {}): Promise<CsvFileResult<T>> {
  let handle: FileHandle;
  try {
    handle = await openRegularFile(path);
  } catch (error) {
    return { ok: false, issue: unreadable(file, error) };
  }
  try {
    const head = new Uint8Array(UTF8_BOM_LENGTH);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bom = sniffBom(head.subarray(0, bytesRead));
    if (bom === 'utf-16') return { ok: false, issue: utf16Issue(file) };
    const hasBom = bom === 'utf-8-bom';
    const asUtf8 = await parsePass(handle, hasBom ? UTF8_BOM_LENGTH : 0, 'utf-8', file, newSink(), opts);
    if (asUtf8 !== undefined) return withEncoding(asUtf8, hasBom ? 'utf-8-bom' : 'utf-8');
    if (hasBom) return { ok: false, issue: undecodableIssue(file) };
    const asGb = await parsePass(handle, 0, 'gb18030', file, newSink(), opts);
    if (asGb !== undefined) return withEncoding(asGb, 'gb18030');
    return { ok: false, issue: undecodableIssue(file) };
  } catch (error) {
    return { ok: false, issue: unreadable(file, error) };
  } finally {
    await handle.close();
  }
}

async function parsePass<T>(
  handle: FileHandle, start: number, encoding: 'utf-8' | 'gb18030', file: string, sink: CsvRecordSink<T>, opts: ReadCsvFileOptions,
): Promise<Pass<T>> {
  const decoder = strictDecoder(encoding);
  const parser = new CsvStreamParser(file, sink, opts);
  const decode = (chunk?: Uint8Array): string | undefined => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      return undefined;
    }
  };
  for await (const chunk of readChunks(handle, start, opts.chunkBytes ?? CHUNK_BYTES)) {
    if (parser.overlong) break;
    const text = decode(chunk);
    if (text === undefined) {
      parser.abort();
      return undefined;
    }
    // After a parse failure the rest is only decoded: the encoding still decides between this issue and `encoding`.
    if (!parser.failed) await parser.write(text);
  }
  if (!parser.overlong) {
    const rest = decode();
    if (rest === undefined) {
      parser.abort();
      return undefined;
    }
    await parser.write(rest);
  }
  return parser.end();
}

function withEncoding<T>(result: CsvSinkResult<T>, encoding: TextEncodingName): CsvFileResult<T> {
  return result.ok ? { ok: true, value: result.value, encoding } : result;
}

function unreadable(file: string, error: unknown): InputIssue {
  return { code: 'unreadable-file', file, line: 0, field: '', message: `the file ${file} cannot be read (${(error as Error).message})` };
}
