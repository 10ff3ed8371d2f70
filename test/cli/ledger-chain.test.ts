/**
 * Issue 10, item 8, end to end on the command line: `solve` opens ledger.csv,
 * `repair` keeps a group with a vacancy (vacancies.csv) and appends its dated
 * events, and `check` verifies the chain — without the parent (the ledger
 * replays to the result's groups, its last run is their change) and with
 * `--parent DIR` (the link, byte for byte). Tampered ledgers are refused:
 * an edited event, a dropped event, a wrong parent hash.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance } from '../../src/generate/index.js';
import { readResultDir } from '../../src/io/read-results.js';
import { refreshManifest, sha256Hex } from '../../src/io/manifest.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import type { Instance } from '../../src/model/schemas.js';
import { tempDir } from '../io/helpers.js';
import { csvOf, parseCsv } from '../check/tamper-kit.js';

function capture(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), status: () => {} };
}

async function cli(argv: string[]): Promise<{ code: number; text: string }> {
  const term = capture();
  const code = await runCli(argv, term);
  return { code, text: term.lines.join('\n') };
}

let root: string;
let input: string;
let first: string;
let repaired: string;
let instance: Instance;
/** The county whose every local scientist withdraws. */
let county: string;

/** A copy of `dir` whose ledger.csv rows are edited by `edit`, with a fresh manifest (so that the content is judged). */
async function tampered(dir: string, name: string, edit: (rows: string[][]) => string[][]): Promise<string> {
  const out = join(root, name);
  await cp(dir, out, { recursive: true });
  const [head, ...rows] = parseCsv(await readFile(join(out, 'ledger.csv'), 'utf8'));
  await writeFile(join(out, 'ledger.csv'), csvOf([head!, ...edit(rows.filter((r) => r.length > 1))]));
  await refreshManifest(out);
  return out;
}

beforeAll(async () => {
  root = await tempDir();
  input = join(root, 'in');
  instance = generateInstance('tiny', 4);
  await writeInstanceDir(input, instance);
  first = join(root, 'first');
  const s = await cli(['solve', '--input', input, '--out', first, '--solver', 'exact', '--date', '2024-03-01']);
  expect(s.code, s.text).toBe(0);
  const r = await readResultDir(first);
  if (!r.ok) throw new Error('unreadable');
  county = r.assignments.find((a) => a.role === 'local')!.countyId;
  const locals = instance.experts.filter((e) => e.homeCounty === county).map((e) => e.id);
  repaired = join(root, 'repaired');
  const rep = await cli(['repair', '--input', input, '--result', first, '--withdraw', locals.join(','), '--out', repaired, '--date', '2024-03-05']);
  expect(rep.code, rep.text).toBe(0);
}, 180_000);

describe('the ledger along solve → repair, checked', () => {
  it('solve opens the ledger: a join per member, dated, no parent; check passes', async () => {
    const r = await readResultDir(first);
    if (!r.ok) throw new Error('unreadable');
    expect(r.ledger?.length).toBe(r.assignments.length);
    expect(new Set(r.ledger?.map((l) => `${l.event} ${l.date} ${l.parentManifest}`))).toEqual(new Set(['join 2024-03-01 ']));
    const checked = await cli(['check', '--input', input, '--result', first]);
    expect(checked.code, checked.text).toBe(0);
    expect(checked.text).toMatch(/ledger +\d+ event\(s\) in 1 run\(s\).*it has no parent/);
  });

  it('repair keeps the group with a vacancy, appends its events to the parent\'s ledger, and passes check with and without --parent', async () => {
    const parent = await readResultDir(first);
    const r = await readResultDir(repaired);
    if (!r.ok || !parent.ok) throw new Error('unreadable');
    expect(r.unmatched.find((u) => u.countyId === county)?.reasonCode).toBe('vacancy');
    const kept = r.vacancies!.map((v) => v.expertId).sort();
    const before = parent.assignments.filter((a) => a.countyId === county && !instance.experts.find((e) => e.id === a.expertId)?.homeCounty).map((a) => a.expertId).sort();
    expect(kept).toEqual(before);
    expect(r.ledger!.slice(0, parent.ledger!.length)).toEqual(parent.ledger);
    const run = r.ledger!.slice(parent.ledger!.length);
    const servingLocals = parent.assignments.filter((a) => a.countyId === county && a.role === 'local').map((a) => a.expertId).sort();
    expect(run.map((l) => [l.event, l.expertId, l.reason].filter((w) => w !== '').join(' '))).toEqual([
      ...r.withdrawn!.filter((id) => !servingLocals.includes(id)).sort().map((id) => `withdraw ${id} withdrew from the pool`),
      ...servingLocals.map((id) => `leave ${id} withdrew`),
      `vacancy ${r.unmatched.find((u) => u.countyId === county)!.detail}`,
    ]);
    expect(run.every((l) => l.date === '2024-03-05' && l.parentManifest === parent.manifestHash)).toBe(true);
    expect(parent.manifestHash).toBe(sha256Hex(await readFile(join(first, 'manifest.json'))));
    const alone = await cli(['check', '--input', input, '--result', repaired]);
    expect(alone.code, alone.text).toBe(0);
    expect(alone.text).toMatch(/not checked \(give --parent DIR\)/);
    expect(alone.text).toMatch(/vacancies +1 group\(s\) kept with a vacancy/);
    const linked = await cli(['check', '--input', input, '--result', repaired, '--parent', first]);
    expect(linked.code, linked.text).toBe(0);
    expect(linked.text).toMatch(/its link to the parent given \(--parent\) is checked/);
  });

  it('the same input, result, withdrawals and --date give the same bytes', async () => {
    const again = join(root, 'again');
    const r = await readResultDir(repaired);
    if (!r.ok) throw new Error('unreadable');
    const withdrawn = r.withdrawn!;
    expect((await cli(['repair', '--input', input, '--result', first, '--withdraw', withdrawn.join(','), '--out', again, '--date', '2024-03-05'])).code).toBe(0);
    for (const f of ['ledger.csv', 'vacancies.csv', 'unmatched.csv', 'assignments.csv']) expect(await readFile(join(again, f), 'utf8'), f).toBe(await readFile(join(repaired, f), 'utf8'));
  });

  it('refuses a --date before the parent ledger\'s last date (exit 2, nothing written)', async () => {
    const out = join(root, 'early');
    const r = await cli(['repair', '--input', input, '--result', repaired, '--withdraw', instance.experts[0]!.id, '--out', out, '--date', '2024-03-04']);
    expect(r.code).toBe(2);
    expect(r.text).toMatch(/before 2024-03-05/);
    const bad = await cli(['solve', '--input', input, '--out', out, '--date', '5 March']);
    expect(bad.code).toBe(2);
  });

  it('refuses an edited event, a dropped event and a wrong parent hash', async () => {
    const parent = await readResultDir(first);
    if (!parent.ok) throw new Error('unreadable');
    const n = parent.ledger!.length;
    // Edited: the withdrawal is said to be a move; a member of another county is said to have joined elsewhere.
    const edited = await tampered(repaired, 'edited', (rows) => rows.map((r, i) => (i === n ? [...r.slice(0, 6), 'left the group', r[7]!] : r)));
    const e = await cli(['check', '--input', input, '--result', edited]);
    expect(e.code).toBe(3);
    expect(e.text).toMatch(/ledger-events/);
    const swapped = await tampered(first, 'swapped', (rows) => rows.map((r, i) => (i === 0 ? [r[0]!, r[1]!, r[2]!, r[3]!, rows[rows.length - 1]![4]!, r[5]!, r[6]!, r[7]!] : r)));
    const s = await cli(['check', '--input', input, '--result', swapped]);
    expect(s.code).toBe(3);
    expect(s.text).toMatch(/ledger-state|ledger-replay/);
    // Dropped: an opening join, renumbered so that seq has no gap.
    const dropped = await tampered(repaired, 'dropped', (rows) => rows.filter((_r, i) => i !== 1).map((r, i) => [String(i + 1), ...r.slice(1)]));
    const d = await cli(['check', '--input', input, '--result', dropped]);
    expect(d.code).toBe(3);
    expect(d.text).toMatch(/ledger-state|ledger-replay/);
    const gap = await tampered(repaired, 'gap', (rows) => rows.filter((_r, i) => i !== 1));
    expect((await cli(['check', '--input', input, '--result', gap])).text).toMatch(/ledger-row.*seq/);
    // Wrong parent: the run names another manifest; caught with --parent.
    const wrong = await tampered(repaired, 'wrong-parent', (rows) => rows.map((r, i) => (i >= n ? [...r.slice(0, 7), 'e'.repeat(64)] : r)));
    expect((await cli(['check', '--input', input, '--result', wrong])).code).toBe(0);
    const w = await cli(['check', '--input', input, '--result', wrong, '--parent', first]);
    expect(w.code).toBe(3);
    expect(w.text).toMatch(/ledger-parent/);
    // A ledger-less result said to continue a parent.
    const missing = join(root, 'missing');
    await cp(repaired, missing, { recursive: true });
    await writeFile(join(missing, 'ledger.csv'), '');
    const { rm } = await import('node:fs/promises');
    await rm(join(missing, 'ledger.csv'));
    await refreshManifest(missing);
    expect((await cli(['check', '--input', input, '--result', missing, '--parent', first])).text).toMatch(/ledger-missing/);
  });

  it('a repair of the repaired result continues the chain; check --parent verifies the new link', async () => {
    const twice = join(root, 'twice');
    const r = await readResultDir(repaired);
    if (!r.ok) throw new Error('unreadable');
    const serving = r.assignments.find((a) => a.role === 'member' && a.countyId !== county)!;
    const rep = await cli(['repair', '--input', input, '--result', repaired, '--withdraw', serving.expertId, '--out', twice, '--date', '2024-03-09']);
    expect(rep.code, rep.text).toBe(0);
    const t = await readResultDir(twice);
    if (!t.ok) throw new Error('unreadable');
    expect(t.ledger!.slice(0, r.ledger!.length)).toEqual(r.ledger);
    expect(new Set(t.ledger!.slice(r.ledger!.length).map((l) => l.parentManifest))).toEqual(new Set([r.manifestHash]));
    // The vacancy stands: its withdrawn locals are not given a place again.
    expect(t.unmatched.find((u) => u.countyId === county)?.reasonCode).toBe('vacancy');
    const checked = await cli(['check', '--input', input, '--result', twice, '--parent', repaired]);
    expect(checked.code, checked.text).toBe(0);
    // The grandparent is not the parent.
    expect((await cli(['check', '--input', input, '--result', twice, '--parent', first])).code).toBe(3);
  });
});

describe('the ledger along solve --batch', () => {
  let batched: string;
  let b1: string;
  let counties: string[];
  beforeAll(async () => {
    batched = join(root, 'in-batched');
    const labelled: Instance = { ...instance, counties: instance.counties.map((c, i) => ({ ...c, batch: i === 0 ? '1' : '2' })) };
    counties = labelled.counties.map((c) => c.id);
    await writeInstanceDir(batched, labelled);
    b1 = join(root, 'b1');
    const s = await cli(['solve', '--input', batched, '--out', b1, '--solver', 'exact', '--batch', '1', '--date', '2024-04-01']);
    expect(s.code, s.text).toBe(0);
  }, 120_000);

  it('a later batch appends a join per member of its groups to the earlier ledger; check --parent verifies the link', async () => {
    const b2 = join(root, 'b2');
    const s = await cli(['solve', '--input', batched, '--out', b2, '--solver', 'exact', '--batch', '2', '--pinned', b1, '--date', '2024-04-02']);
    expect(s.code, s.text).toBe(0);
    const one = await readResultDir(b1);
    const two = await readResultDir(b2);
    if (!one.ok || !two.ok) throw new Error('unreadable');
    expect(one.ledger!.every((l) => l.countyId === counties[0])).toBe(true);
    expect(two.ledger!.slice(0, one.ledger!.length)).toEqual(one.ledger);
    const run = two.ledger!.slice(one.ledger!.length);
    expect(run.length).toBe(two.assignments.filter((a) => a.countyId !== counties[0]).length);
    expect(run.every((l) => l.event === 'join' && l.reason === 'group formed' && l.parentManifest === one.manifestHash)).toBe(true);
    const checked = await cli(['check', '--input', batched, '--result', b2, '--parent', b1]);
    expect(checked.code, checked.text).toBe(0);
  });

  it('a group kept with a vacancy stands through a later batch, its members\' places held', async () => {
    const r1 = await readResultDir(b1);
    if (!r1.ok) throw new Error('unreadable');
    const locals = instance.experts.filter((e) => e.homeCounty === counties[0]).map((e) => e.id);
    const rep = join(root, 'b1-repaired');
    expect((await cli(['repair', '--input', batched, '--result', b1, '--withdraw', locals.join(','), '--out', rep, '--date', '2024-04-02'])).code).toBe(0);
    const b2 = join(root, 'b2-after-vacancy');
    const s = await cli(['solve', '--input', batched, '--out', b2, '--solver', 'exact', '--batch', '2', '--pinned', rep, '--date', '2024-04-03']);
    expect(s.code, s.text).toBe(0);
    const two = await readResultDir(b2);
    const kept = await readResultDir(rep);
    if (!two.ok || !kept.ok) throw new Error('unreadable');
    expect(two.vacancies).toEqual(kept.vacancies);
    expect(two.unmatched.find((u) => u.countyId === counties[0])).toEqual(kept.unmatched.find((u) => u.countyId === counties[0]));
    const held = new Set(kept.vacancies!.map((v) => v.expertId));
    expect(two.assignments.some((a) => held.has(a.expertId))).toBe(false);
    const checked = await cli(['check', '--input', batched, '--result', b2, '--parent', rep]);
    expect(checked.code, checked.text).toBe(0);
  });
});
