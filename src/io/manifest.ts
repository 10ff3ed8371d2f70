/**
 * manifest.json: the list of a results folder's files with their SHA-256,
 * written last, so that a folder whose files come from two runs (a crash
 * during the renames, two writers, a hand edit) is recognised and refused
 * by every reader instead of being taken for one result.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputIssue } from '../model/issues.js';
import { VERSION } from '../version.js';
import { writeFileAtomic } from './atomic-write.js';
import { decodeBytes } from './encoding.js';
import { findFile } from './find-file.js';
import { readRegularFile } from './read-file.js';

/** The manifest's file name in a results folder. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * Every file name the product writes into a results folder (its "own set").
 * A run replaces the ones it writes and removes the others (e.g. an old
 * `report.html` of a run with `--report`); files with other names are never
 * touched.
 */
export const PRODUCT_FILES = [
  'assignments.csv', 'unmatched.csv', 'summary.json', 'timing.json',
  'report.html', 'recruitment.csv', 'changes.csv', 'pinned.csv', 'roster.csv', 'vacancies.csv', 'ledger.csv', MANIFEST_FILE,
] as const;

/**
 * Files of the set that the manifest does not hash: timing.json holds the
 * wall time, which differs between runs, and the manifest must stay
 * byte-identical for the same input, options and seed. It is still written,
 * replaced and removed with the set, is never used to judge a result, and
 * names the SHA-256 of its manifest, so that a reader refuses a timing.json
 * of another run.
 */
export const UNHASHED_FILES: readonly string[] = ['timing.json'];

/** The format tag written into every manifest. */
export const MANIFEST_FORMAT = 'advisory-groups/manifest@1';

/** manifest.json as read. */
export interface Manifest {
  format: string;
  /** The library version that wrote the folder. */
  version: string;
  /** summary.json's `inputHash` (the SHA-256 of the input), `''` when the set has no summary. */
  inputHash: string;
  /** File name → lowercase hex SHA-256 of its bytes, names sorted. */
  files: Record<string, string>;
}

/** SHA-256 of bytes or UTF-8 text, as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** True for a name the manifest must list when it is in the folder. */
function isHashed(name: string): boolean {
  return name !== MANIFEST_FILE && !UNHASHED_FILES.includes(name);
}

/**
 * The text of the manifest of a set of files (contents by name): every
 * hashed file, names sorted, 2-space JSON with a final newline, so that the
 * same set gives the same bytes.
 *
 * @param inputHash the input's SHA-256 (summary.json's `inputHash`)
 * @example manifestText({ 'assignments.csv': a, 'summary.json': s }, summary.inputHash)
 */
export function manifestText(files: Readonly<Record<string, string | Uint8Array>>, inputHash: string, version = VERSION): string {
  const hashes: Record<string, string> = {};
  for (const name of Object.keys(files).filter(isHashed).sort()) hashes[name] = sha256Hex(files[name] ?? '');
  const manifest: Manifest = { format: MANIFEST_FORMAT, version, inputHash, files: hashes };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** The contents of the product's files (and of `also`) present in `dir` (exact or case-insensitive names), by contract name; not the manifest. */
async function productFilesIn(dir: string, names: readonly string[], also: readonly string[] = []): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const name of new Set<string>([...PRODUCT_FILES, ...also])) {
    const actual = findFile(names, name);
    if (actual !== undefined && name !== MANIFEST_FILE) out[name] = await readRegularFile(join(dir, actual));
  }
  return out;
}

/** summary.json's `inputHash`, when it has one. */
function inputHashOf(summary: Uint8Array | undefined): string | undefined {
  if (summary === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(summary).toString('utf8')) as unknown;
    const hash = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['inputHash'] : undefined;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Recomputes the manifest of the results folder `dir` from its files as
 * they are now (the product's files present; the input hash from
 * summary.json), and writes it atomically. For tests and tools that edit a
 * folder on purpose and want readers to accept the edit, so that what is
 * then judged is the content (e.g. by `check`), not the hash.
 *
 * @throws as `fs` throws when the folder or a file cannot be read or written
 * @example
 * ```ts
 * await writeFile('out/summary.json', tampered);
 * await refreshManifest('out');
 * ```
 */
export async function refreshManifest(dir: string): Promise<void> {
  const names = await readdir(dir);
  // Extra files an earlier manifest listed (`writeResults`' extraFiles of other names) stay listed while they are there.
  const old = findFile(names, MANIFEST_FILE);
  const oldManifest = old === undefined ? undefined : parseManifest(Buffer.from(await readRegularFile(join(dir, old))).toString('utf8'));
  const listed = Object.keys(oldManifest?.files ?? {}).filter((n) => findFile(names, n) !== undefined);
  const files = await productFilesIn(dir, names, listed);
  const text = manifestText(files, inputHashOf(files['summary.json']) ?? '');
  // timing.json names its manifest (see `timingJson`): bind it to the new one, keeping its seconds.
  const timing = files['timing.json'];
  if (timing !== undefined) {
    const seconds = secondsOf(timing);
    await writeFileAtomic(join(dir, findFile(names, 'timing.json') ?? 'timing.json'), JSON.stringify({ seconds, manifest: sha256Hex(text) }, null, 2) + '\n');
  }
  await writeFileAtomic(join(dir, MANIFEST_FILE), text);
}

/** timing.json's `seconds`, or whatever it holds there when it is not a number (kept for the reader to refuse). */
function secondsOf(timing: Uint8Array): unknown {
  try {
    return (JSON.parse(Buffer.from(timing).toString('utf8')) as Record<string, unknown>)['seconds'] ?? null;
  } catch {
    return null;
  }
}

/** A manifest check's outcome: the manifest's text (to compare before and after a read), or the issues that refuse the folder. */
export type ManifestCheck = { ok: true; text: string; manifest: Manifest } | { ok: false; issues: InputIssue[] };

function mismatch(file: string, message: string): InputIssue {
  return { code: 'manifest-mismatch', file, line: 0, field: '', message };
}

/** Parses manifest text; `undefined` when it is not a manifest. */
function parseManifest(text: string): Manifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const files = m['files'];
  if (m['format'] !== MANIFEST_FORMAT || typeof m['version'] !== 'string' || typeof m['inputHash'] !== 'string') return undefined;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  if (!Object.values(files).every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) return undefined;
  // Only bare file names: a manifest must not make a reader open files outside the folder.
  if (!Object.keys(files).every((n) => n !== '' && n !== '.' && n !== '..' && n !== MANIFEST_FILE && !/[/\\\0]/.test(n))) return undefined;
  return { format: MANIFEST_FORMAT, version: m['version'], inputHash: m['inputHash'], files: files as Record<string, string> };
}

/**
 * Verifies the results folder `dir` (listing `names`) against its
 * manifest. Refused, with one issue per problem naming the file:
 * - no manifest.json (`missing-manifest`): the folder was not written
 *   whole (a crash before the manifest, the last file, was in place) or
 *   not by this product;
 * - a manifest that cannot be read as one, a listed file missing or with
 *   other bytes, a file of the product's set in the folder but not listed
 *   (e.g. an old report.html), or an input hash other than summary.json's
 *   (`manifest-mismatch`).
 * timing.json is not listed (see `UNHASHED_FILES`); files the product does
 * not own are ignored.
 */
export async function verifyManifest(dir: string, names: readonly string[]): Promise<ManifestCheck> {
  const actual = findFile(names, MANIFEST_FILE);
  if (actual === undefined) {
    return { ok: false, issues: [{ code: 'missing-manifest', file: MANIFEST_FILE, line: 0, field: '', message: `the results folder ${dir} has no ${MANIFEST_FILE}: it was not written whole (an interrupted run?) or not by advisory-groups; solve again` }] };
  }
  let text: string;
  try {
    const decoded = decodeBytes(await readRegularFile(join(dir, actual)), MANIFEST_FILE);
    if (!decoded.ok) return { ok: false, issues: [decoded.issue] };
    text = decoded.text;
  } catch (error) {
    return { ok: false, issues: [{ code: 'unreadable-file', file: MANIFEST_FILE, line: 0, field: '', message: `the file ${MANIFEST_FILE} cannot be read (${(error as Error).message})` }] };
  }
  const manifest = parseManifest(text);
  if (manifest === undefined) return { ok: false, issues: [mismatch(MANIFEST_FILE, `is not a manifest of format ${MANIFEST_FORMAT}`)] };
  const issues: InputIssue[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = await productFilesIn(dir, names, Object.keys(manifest.files));
  } catch (error) {
    return { ok: false, issues: [{ code: 'unreadable-file', file: dir, line: 0, field: '', message: `a file of the results folder ${dir} cannot be read (${(error as Error).message})` }] };
  }
  for (const [name, hash] of Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const bytes = files[name];
    if (bytes === undefined) issues.push(mismatch(name, `is listed in ${MANIFEST_FILE} but missing from the folder: the folder is not the set that was written`));
    else if (sha256Hex(bytes) !== hash) issues.push(mismatch(name, `differs from the file ${MANIFEST_FILE} lists (another SHA-256): it was changed or comes from another run`));
  }
  for (const name of Object.keys(files).filter(isHashed)) {
    if (!(name in manifest.files)) issues.push(mismatch(name, `is in the folder but not listed in ${MANIFEST_FILE}: it is left from another run or was added later`));
  }
  const summaryHash = inputHashOf(files['summary.json']);
  if (summaryHash !== undefined && summaryHash !== manifest.inputHash) issues.push(mismatch(MANIFEST_FILE, `records input ${manifest.inputHash.slice(0, 16)}… but summary.json input ${summaryHash.slice(0, 16)}…: they are not one result`));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, text, manifest };
}
