/**
 * The one-file JSON instance (the `InstanceSchema` shape), for programs:
 * read with the same validation as a CSV folder, written deterministically.
 */
import { basename } from 'node:path';
import { InputError, isNonEmpty, type InputIssue } from '../model/issues.js';
import type { Instance } from '../model/schemas.js';
import { writeFileAtomic } from './atomic-write.js';
import { decodeBytes } from './encoding.js';
import { COLUMNS, FILE_OF_KIND } from './headers.js';
import type { ReadInstanceOptions, ReadInstanceResult } from './read-instance.js';
import { ENTITY_KINDS, SourceMap } from './source-map.js';
import { validateRaw, type RawInstance } from './validate.js';
import { readRegularFile } from './read-file.js';

/**
 * Parses and validates a JSON instance's text. Issues name the file as
 * `name#experts`, the line as the 1-based array index + 1, and the field by
 * its camelCase key (see `SourceMap`); a syntax error names the real line
 * of the text. `counties` and `experts` are required; the other lists may
 * be absent (empty).
 *
 * @param text the JSON text
 * @param name the file name used in issues, e.g. `instance.json`
 */
export function parseInstanceJson(text: string, name: string, opts: ReadInstanceOptions = {}): ReadInstanceResult {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position?.[1] === undefined ? 0 : text.slice(0, Number(position[1])).split('\n').length;
    return { ok: false, issues: [{ code: 'unreadable-file', file: name, line, field: '', message: `the file ${name} is not valid JSON (${message})` }] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, issues: [{ code: 'bad-row', file: name, line: 0, field: '', message: `the file ${name} must hold one object with the lists counties, experts, needs, skills, pairings, affinities, pins` }] };
  }
  const issues: InputIssue[] = [];
  const obj = data as Record<string, unknown>;
  const raw = {} as Record<(typeof ENTITY_KINDS)[number], unknown[]>;
  for (const kind of ENTITY_KINDS) {
    const list = obj[kind];
    const required = kind === 'counties' || kind === 'experts';
    if (Array.isArray(list)) raw[kind] = list;
    else {
      raw[kind] = [];
      if (list !== undefined || required) {
        issues.push({ code: list === undefined ? 'missing-value' : 'bad-value', file: name, line: 0, field: kind, message: `${kind} must be a list (of ${FILE_OF_KIND[kind]} rows)` });
      }
    }
  }
  const report = validateRaw(raw as RawInstance, { sources: SourceMap.forObject(name) }, opts);
  for (const i of report.issues) issues.push(i); // not push(...): a huge list overflows the stack
  if (isNonEmpty(issues)) return { ok: false, issues };
  return { ok: true, instance: report.instance, warnings: report.warnings, sources: report.sources };
}

/**
 * Reads and validates a JSON instance file (UTF-8, with or without BOM).
 * Never throws for bad input.
 *
 * @example
 * ```ts
 * const r = await readInstanceJson('round1.json');
 * if (r.ok) solve(r.instance);
 * ```
 */
export async function readInstanceJson(path: string, opts: ReadInstanceOptions = {}): Promise<ReadInstanceResult> {
  const name = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, issues: [{ code: missing ? 'missing-file' : 'unreadable-file', file: name, line: 0, field: '', message: missing ? `the file ${path} does not exist` : `the file ${path} cannot be read` }] };
  }
  const decoded = decodeBytes(bytes, name);
  if (!decoded.ok) return { ok: false, issues: [decoded.issue] };
  return parseInstanceJson(decoded.text, name, opts);
}

/** `readInstanceJson` that throws an `InputError` carrying every issue. */
export async function readInstanceJsonOrThrow(path: string, opts: ReadInstanceOptions = {}): Promise<Instance> {
  const r = await readInstanceJson(path, opts);
  if (!r.ok) throw new InputError(r.issues);
  return r.instance;
}

/**
 * An instance as JSON text: 2-space indent, lists in the `InstanceSchema`
 * order, each entity's keys in its column order (absent optional fields
 * omitted), a final newline. Deterministic, so generated instances diff well.
 */
export function instanceToJson(instance: Instance): string {
  const out: Record<string, unknown[]> = {};
  for (const kind of ENTITY_KINDS) {
    const fields = COLUMNS[FILE_OF_KIND[kind]].map((c) => c.field);
    out[kind] = (instance[kind] as readonly object[]).map((entity) => {
      const e = entity as Record<string, unknown>;
      const ordered: Record<string, unknown> = {};
      for (const f of fields) if (e[f] !== undefined) ordered[f] = e[f];
      return ordered;
    });
  }
  return JSON.stringify(out, null, 2) + '\n';
}

/** Writes an instance as a JSON file, atomically (see `instanceToJson`). */
export async function writeInstanceJson(path: string, instance: Instance): Promise<void> {
  await writeFileAtomic(path, instanceToJson(instance));
}
