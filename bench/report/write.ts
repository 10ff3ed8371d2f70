/** Writes the three report files: `<name>.json`, `<name>.md`, `<name>.svg`. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from '../types.js';
import { renderMarkdown } from './markdown.js';
import { renderSvg } from './svg.js';

/** Writes `text` to `path` through a temporary file, so a reader never sees half a report. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Writes the report under `dir` as `name`.json/.md/.svg; returns the paths. */
export function writeReport(report: BenchReport, dir: string, name: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`],
    [join(dir, `${name}.md`), renderMarkdown(report)],
    [join(dir, `${name}.svg`), renderSvg(report)],
  ];
  for (const [path, text] of files) writeAtomic(path, text);
  return files.map(([p]) => p);
}
