/**
 * roster.csv through the command line: `solve`, `solve --batch` and
 * `repair` write it into the result set (hashed by the manifest), with 召集人
 * and 联络员 passed through from counties.csv (Chinese headers); `check`
 * accepts it as written and refuses it once a name is edited, even with a
 * fresh manifest. `roster` derives the same file for any results folder.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { refreshManifest } from '../../src/io/manifest.js';
import { readResultDir } from '../../src/io/read-results.js';
import { ROSTER_COLUMNS, ROSTER_FILE } from '../../src/roster/index.js';
import { parseCsv } from '../check/tamper-kit.js';

const DEMO = path.resolve('examples/demo');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const term: Terminal = { out: (l) => out.push(l), err: (l) => err.push(l), status: () => {} };
  const code = await runCli(args, term);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** roster.csv as records by column (BOM checked and removed). */
async function rosterOf(dir: string): Promise<Record<string, string>[]> {
  const text = await readFile(path.join(dir, ROSTER_FILE), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [head, ...rows] = parseCsv(text.slice(1));
  expect(head).toEqual([...ROSTER_COLUMNS]);
  return rows.map((r) => Object.fromEntries(head!.map((c, i) => [c, r[i] ?? ''])));
}

async function assignmentsOf(dir: string): Promise<string[][]> {
  return parseCsv(await readFile(path.join(dir, 'assignments.csv'), 'utf8')).slice(1);
}

let work: string;
let input: string;
let solved: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-roster-cli-'));
  input = path.join(work, 'input');
  await cp(DEMO, input, { recursive: true });
  // 召集人 / 联络员 under their Chinese headers, on some counties; batches A and B for the --batch run.
  const [head, ...rows] = (await readFile(path.join(input, 'counties.csv'), 'utf8')).trimEnd().split('\n');
  const edited = rows.map((r, i) => {
    const cells = r.split(',');
    cells[8] = i < 6 ? 'A' : 'B';
    return [...cells, i % 2 === 0 ? `召集人${i}` : '', i % 3 === 0 ? `联络员${i}` : ''].join(',');
  });
  await writeFile(path.join(input, 'counties.csv'), [`${head},召集人,联络员`, ...edited].join('\n') + '\n');
  solved = path.join(work, 'solved');
  const r = await run(['solve', '--input', input, '--out', solved, '--solver', 'exact']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('solve writes roster.csv into the result set', () => {
  it('lists every member once, leader first, with 召集人 and 联络员 from counties.csv; the manifest hashes it', async () => {
    const roster = await rosterOf(solved);
    const assignments = await assignmentsOf(solved);
    expect(roster).toHaveLength(assignments.length);
    expect(new Set(roster.map((r) => `${r['county_id']}/${r['expert_id']}`))).toEqual(new Set(assignments.map((a) => `${a[0]}/${a[1]}`)));
    const firsts = roster.filter((r) => r['seq'] === '1');
    expect(firsts.length).toBe(new Set(assignments.map((a) => a[0])).size);
    expect(firsts.every((r) => r['role'] === 'leader' && r['role_zh'] === '组长')).toBe(true);
    const counties = (await readFile(path.join(input, 'counties.csv'), 'utf8')).trimEnd().split('\n').slice(1).map((l) => l.split(','));
    for (const r of roster) {
      const c = counties.find((x) => x[0] === r['county_id'])!;
      expect([r['county_name'], r['convenor'], r['liaison'], r['batch']]).toEqual([c[1], c[9], c[10], c[8]]);
    }
    expect(roster.some((r) => r['convenor'] !== '')).toBe(true);
    const manifest = JSON.parse(await readFile(path.join(solved, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files)).toContain(ROSTER_FILE);
  });

  it('check accepts it as written, and refuses an edited name even with a fresh manifest', async () => {
    expect((await run(['check', '--input', input, '--result', solved])).code).toBe(0);
    const copy = path.join(work, 'tampered');
    await cp(solved, copy, { recursive: true });
    const text = await readFile(path.join(copy, ROSTER_FILE), 'utf8');
    const name = (await rosterOf(copy))[0]!['name']!;
    await writeFile(path.join(copy, ROSTER_FILE), text.replace(`,${name},`, ',冒名顶替,'));
    await refreshManifest(copy);
    const r = await run(['check', '--input', input, '--result', copy]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('false claim roster-cell (roster.csv [name])');
    expect(r.err).toContain(`"冒名顶替", the input and the assignments give "${name}"`);
  });
});

describe('repair and solve --batch write it too', () => {
  it('repair: the withdrawn expert is gone from the roster, and check accepts the repaired set', async () => {
    const member = (await rosterOf(solved)).find((r) => r['role'] === 'member')!;
    const out = path.join(work, 'repaired');
    const r = await run(['repair', '--input', input, '--result', solved, '--withdraw', member['expert_id']!, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const roster = await rosterOf(out);
    expect(roster).toHaveLength((await assignmentsOf(out)).length);
    expect(roster.some((x) => x['expert_id'] === member['expert_id'])).toBe(false);
    expect((await run(['check', '--input', input, '--result', out])).code).toBe(0);
  }, 60_000);

  it('solve --batch: the roster lists the groups of the set, and check accepts it', async () => {
    const out = path.join(work, 'batch');
    const r = await run(['solve', '--input', input, '--out', out, '--solver', 'exact', '--batch', 'A']);
    expect(r.code).toBe(0);
    const roster = await rosterOf(out);
    expect(roster.length).toBeGreaterThan(0);
    expect(roster).toHaveLength((await assignmentsOf(out)).length);
    expect(roster.every((x) => x['batch'] === 'A')).toBe(true);
    expect((await run(['check', '--input', input, '--result', out])).code).toBe(0);
  }, 60_000);
});

describe('the roster command', () => {
  it('prints the roster solve wrote, or writes it to a file', async () => {
    const written = await readFile(path.join(solved, ROSTER_FILE), 'utf8');
    const printed = await run(['roster', '--input', input, '--result', solved]);
    expect(printed.code).toBe(0);
    expect(`${printed.out}\n`).toBe(written);
    const file = path.join(work, 'roster-copy.csv');
    const r = await run(['roster', '--input', input, '--result', solved, '--out', file]);
    expect(r.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(written);
  });

  it('adds roster.csv to a results set that has none, which check then accepts; any other file in a results set is refused', async () => {
    const bare = path.join(work, 'bare');
    await cp(solved, bare, { recursive: true });
    await rm(path.join(bare, ROSTER_FILE));
    await refreshManifest(bare);
    const before = await readResultDir(bare);
    expect(before.ok && before.roster).toBeUndefined();
    expect((await run(['roster', '--input', input, '--result', bare, '--out', path.join(bare, ROSTER_FILE)])).code).toBe(0);
    const after = await readResultDir(bare);
    expect(after.ok && after.roster?.rows.length).toBe((await assignmentsOf(bare)).length);
    expect((await run(['check', '--input', input, '--result', bare])).code).toBe(0);
    const stray = await run(['roster', '--input', input, '--result', bare, '--out', path.join(bare, 'names.csv')]);
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('is inside a results folder');
    expect(await readdir(bare)).not.toContain('names.csv');
  });
});
