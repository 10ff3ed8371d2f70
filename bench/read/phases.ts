/**
 * Where reading an input folder spends its time, by phase, each phase
 * measured cumulatively (median of N in-process runs after a warm-up):
 *
 * 1. decode: the files' bytes read in chunks and decoded (UTF-8, strict);
 * 2. parse: 1 + records split and parsed (`readCsvFile` with a sink that only counts);
 * 3. table: 2 + rows built from the records (`readCsvFile` with `TableBuilder`: headers, cells);
 * 4. readInstanceDir: 3 + validation (keys, row shapes, duplicates, references, pins) and the source map.
 *
 * The differences between consecutive lines are the phases' own costs.
 *
 *   node --expose-gc --import tsx bench/read/phases.ts DIR [--runs 8] [--warmup 2]
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COLUMNS, INPUT_FILES, type InputFileName } from '../../src/io/headers.js';
import { readCsvFile } from '../../src/io/read-csv-file.js';
import type { CsvRecordSink } from '../../src/io/read-csv.js';
import { CHUNK_BYTES, openRegularFile, readChunks } from '../../src/io/read-file.js';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { TableBuilder } from '../../src/io/table.js';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = flag('--runs', 8);
const warmup = flag('--warmup', 2);
const dir = resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '/tmp/nat');
const names = readdirSync(dir);
const files = INPUT_FILES.flatMap((f) => names.filter((n) => n.toLowerCase() === f).map((n) => [f, join(dir, n)] as const));

async function decodeAll(): Promise<number> {
  let chars = 0;
  await Promise.all(files.map(async ([, path]) => {
    const handle = await openRegularFile(path);
    try {
      const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      for await (const chunk of readChunks(handle, 0, CHUNK_BYTES)) chars += decoder.decode(chunk, { stream: true }).length;
      chars += decoder.decode().length;
    } finally {
      await handle.close();
    }
  }));
  return chars;
}

function counter(): CsvRecordSink<number> {
  let n = 0;
  return { add: () => { n++; }, finish: () => n };
}

async function parseAll(): Promise<void> {
  await Promise.all(files.map(([file, path]) => readCsvFile(path, file, counter)));
}

async function tableAll(): Promise<void> {
  await Promise.all(files.map(([file, path]) => readCsvFile(path, file, () => new TableBuilder(file, COLUMNS[file as InputFileName]))));
}

async function readAll(): Promise<void> {
  const r = await readInstanceDir(dir);
  if (!r.ok) throw new Error(r.issues[0].message);
}

const phases: [string, () => Promise<unknown>][] = [['decode', decodeAll], ['parse', parseAll], ['table', tableAll], ['readInstanceDir', readAll]];
const times = new Map<string, number[]>(phases.map(([n]) => [n, []]));
for (let i = 0; i < warmup; i++) for (const [, f] of phases) await f();
for (let i = 0; i < runs; i++) {
  for (const [name, f] of phases) {
    // With --expose-gc, each phase starts on a collected heap: it pays for its own garbage only (mostly).
    (globalThis as { gc?: () => void }).gc?.();
    const t = process.hrtime.bigint();
    await f();
    times.get(name)!.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
let previous = 0;
console.log(`${dir}: median (best) of ${runs}, ms`);
for (const [name] of phases) {
  const m = median(times.get(name)!);
  console.log(`${name.padEnd(16)} ${m.toFixed(1).padStart(8)} (${Math.min(...times.get(name)!).toFixed(1)})   own ${(m - previous).toFixed(1)}`);
  previous = m;
}
