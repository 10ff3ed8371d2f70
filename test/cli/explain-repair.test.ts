import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import type { Instance } from '../../src/model/schemas.js';
import { expert, national } from '../helpers/instance.js';
import { countyWithPool, required, round, skill } from '../explain/fixtures.js';

function capture(): Terminal & { stdout: string[]; stderr: string[]; text: () => string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), status: () => {}, text: () => [...stdout, ...stderr].join('\n') };
}

async function run(args: string[]): Promise<{ code: number; term: ReturnType<typeof capture> }> {
  const term = capture();
  const code = await runCli(args, term);
  return { code, term };
}

/** Groups of 3–5 through counties.csv's group_min/group_max, so that the CLI's default options apply. */
function small(instance: Instance): Instance {
  return { ...instance, counties: instance.counties.map((c) => ({ ...c, groupMin: 3, groupMax: 5 })) };
}

/** Three counties require 养蜂/processing and one expert holds it: two are lost to competition. */
const SCARCE = small(round(['a', 'b', 'c'].map((c) => countyWithPool(c)), {
  needs: ['a', 'b', 'c'].map((c) => required(c, '养蜂', 'processing')),
  experts: [expert('H1'), expert('F1'), expert('F2')],
  skills: [skill('H1', '养蜂', 'processing')],
}));

/**
 * Batches 1 and 2 wanting the same national expert S. County a's own pool and S hold its need, so that batch 1
 * takes S and has no use for b's leader b-N (without needs every member scores alike, and which of the equal
 * groups batch 1 takes, b's leader with it or not, would be the engine's tie).
 */
const BATCHES = small(round([countyWithPool('a', 3, { batch: '1' }), countyWithPool('b', 3, { batch: '2' })], {
  experts: [national('S')],
  needs: [{ countyId: 'a', industry: '茶叶', stage: 'production' }],
  skills: ['a-N', 'a-M1', 'a-M2', 'a-M3'].map((id) => skill(id, '茶叶')).concat(skill('S', '茶叶', 'production', 3)),
  affinities: [{ countyId: 'a', expertId: 'S', score: 5 }, { countyId: 'b', expertId: 'S', score: 9 }],
}));

let work: string;
let scarce: string;
let batches: string;
let solved: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-explain-'));
  scarce = path.join(work, 'scarce');
  batches = path.join(work, 'batches');
  await writeInstanceDir(scarce, SCARCE);
  await writeInstanceDir(batches, BATCHES);
  solved = path.join(work, 'solved');
  const { code, term } = await run(['solve', '--input', scarce, '--out', solved, '--solver', 'exact', '--recruit']);
  expect(term.stderr).toEqual([]);
  expect(code).toBe(0);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('validate and solve: shortages with numbers', () => {
  it('validate prints the shortage before any solve', async () => {
    const { code, term } = await run(['validate', '--input', scarce]);
    expect(code).toBe(0);
    expect(term.text()).toMatch(/shortages between counties \(proven: they hold for any result\) \(1\):\n {2}need:养蜂\/processing: 3 counties \(county a \(a\), county b \(b\), county c \(c\)\) each require a member holding 养蜂\/processing \(H7\), and the 1 holder who may serve them has 1 place between them: at least 2 of them cannot be matched/);
  });

  it('unmatched.csv carries the competition detail, and --recruit writes recruitment.csv', async () => {
    const unmatched = await readFile(path.join(solved, 'unmatched.csv'), 'utf8');
    const rows = unmatched.trim().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatch(/,competition,.*3 counties .*养蜂\/processing.*at least 2 of them cannot be matched; this result leaves 2 of them unmatched/);
    const recruitment = (await readFile(path.join(solved, 'recruitment.csv'), 'utf8')).trim().split('\n');
    expect(recruitment[0]).toBe('county_id,reason_code,profile,role,level,province,home_county,skills,verified,minimal,why');
    expect(recruitment.slice(1)).toHaveLength(2);
    for (const r of recruitment.slice(1)) expect(r).toMatch(/,competition,1,member,provincial,W,,养蜂\/processing,true,true,/);
  });
});

describe('advisory-groups explain', () => {
  it('prints a matched county\'s group with its score by term', async () => {
    const assignments = await readFile(path.join(solved, 'assignments.csv'), 'utf8');
    const county = assignments.split('\n')[1]!.split(',')[0]!;
    const { code, term } = await run(['explain', '--input', scarce, '--result', solved, '--county', county]);
    expect(code).toBe(0);
    expect(term.text()).toMatch(/score [\d.]+ = coverage [\d.]+ \+ industry [\d.]+ \+ fit [\d.]+ \+ leader [\d.]+ \+ org types [\d.]+ − organization penalty [\d.]+ − size cost [\d.]+/);
    expect(term.text()).toMatch(/养蜂\/processing \(required\) +[\d.]+ +H1/);
  });

  it('prints an unmatched county\'s reason and what to recruit', async () => {
    const unmatched = (await readFile(path.join(solved, 'unmatched.csv'), 'utf8')).split('\n')[1]!.split(',')[0]!;
    const { code, term } = await run(['explain', '--input', scarce, '--result', solved, '--county', unmatched]);
    expect(code).toBe(0);
    expect(term.text()).toMatch(/unmatched \(competition\)/);
    expect(term.text()).toMatch(/recruitment: 1 expert\(s\) would make it matchable/);
  });

  it('--expert explains a trade-off with the exact score change, and a hard rule', async () => {
    const unmatched = (await readFile(path.join(solved, 'unmatched.csv'), 'utf8')).split('\n')[1]!.split(',')[0]!;
    let r = await run(['explain', '--input', scarce, '--result', solved, '--county', unmatched, '--expert', 'H1']);
    expect(r.code).toBe(0);
    expect(r.term.text()).toMatch(/H1 serves county [abc] \([abc]\) and has no place left \(capacity 1, H2\)/);
    expect(r.term.text()).toMatch(/moving H1 from county [abc] \([abc]\): county [abc] \([abc]\) unmatched → matched with score [\d.]+, county [abc] \([abc]\) would lose its group \(score [\d.]+ → unmatched\); net score 0, so the result keeps the expert where it is/);
    r = await run(['explain', '--input', scarce, '--result', solved, '--county', 'a', '--expert', 'b-L']);
    expect(r.term.text()).toMatch(/local scientist of county b and may serve only that county \(H5\)/);
    r = await run(['explain', '--input', scarce, '--result', solved, '--county', 'a', '--expert', 'ghost']);
    expect(r.code).toBe(2);
    expect(r.term.stderr.join('\n')).toMatch(/expert ghost is not in experts\.csv/);
  });

  it('shows its help', async () => {
    const { code, term } = await run(['explain', '--help']);
    expect(code).toBe(0);
    expect(term.text()).toMatch(/Usage: advisory-groups explain --input DIR --result DIR --county ID \[--expert ID\]/);
  });
});

describe('advisory-groups repair', () => {
  it('re-forms the groups, writes changes.csv, and the result passes check', async () => {
    const assignments = (await readFile(path.join(solved, 'assignments.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','));
    const member = assignments.find((a) => a[2] === 'leader')!;
    const out = path.join(work, 'repaired');
    const { code, term } = await run(['repair', '--input', scarce, '--result', solved, '--withdraw', member[1]!, '--out', out]);
    expect(term.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(term.text()).toMatch(/withdrawn {2}1 expert\(s\); 1 group\(s\) lost members/);
    const changes = (await readFile(path.join(out, 'changes.csv'), 'utf8')).trim().split('\n');
    expect(changes[0]).toBe('county_id,expert_id,change,role,reason');
    expect(changes[1]).toBe(`${member[0]},${member[1]},removed,leader,withdrew`);
    expect(changes[2]).toMatch(new RegExp(`^${member[0]},[abc]-N,added,leader,replaces ${member[1]} as leader$`));
    const check = await run(['check', '--input', scarce, '--result', out]);
    expect(check.code).toBe(0);
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as { solver: string };
    expect(summary.solver).toMatch(/^repair of exact\//);
  });

  it('refuses an unknown expert and a missing --withdraw', async () => {
    let r = await run(['repair', '--input', scarce, '--result', solved, '--withdraw', 'ghost', '--out', path.join(work, 'never')]);
    expect(r.code).toBe(2);
    expect(r.term.stderr.join('\n')).toMatch(/expert ghost is not in experts\.csv/);
    expect(existsSync(path.join(work, 'never'))).toBe(false);
    r = await run(['repair', '--input', scarce, '--result', solved, '--out', path.join(work, 'never')]);
    expect(r.code).toBe(2);
    expect(r.term.stderr.join('\n')).toMatch(/--withdraw is required/);
  });
});

describe('solve --batch', () => {
  it('solves batch 1, then batch 2 with batch 1 pinned from its folder; both pass check', async () => {
    const o1 = path.join(work, 'b1');
    const o2 = path.join(work, 'b2');
    let r = await run(['solve', '--input', batches, '--out', o1, '--solver', 'exact', '--batch', '1']);
    expect(r.code).toBe(0);
    expect(r.term.text()).toMatch(/solver +batch 1 of exact\//);
    expect(await readFile(path.join(o1, 'unmatched.csv'), 'utf8')).toMatch(/b,not-solved,.*batch 2, not part of this run/);
    r = await run(['solve', '--input', batches, '--out', o2, '--solver', 'exact', '--batch', '2', '--pinned', o1]);
    expect(r.code).toBe(0);
    const rows = (f: string) => readFile(path.join(f, 'assignments.csv'), 'utf8').then((t) => t.split('\n').filter((l) => l.startsWith('a,')));
    expect(await rows(o2)).toEqual(await rows(o1));
    expect((await rows(o1)).some((l) => l.startsWith('a,S,'))).toBe(true);
    expect(await readFile(path.join(o2, 'assignments.csv'), 'utf8')).toMatch(/^b,/m);
    const c2 = await run(['check', '--input', batches, '--result', o2]);
    expect(c2.code, c2.term.text()).toBe(0);
    const c1 = await run(['check', '--input', batches, '--result', o1]);
    expect(c1.code, c1.term.text()).toBe(0);
  });

  it('refuses --pinned without --batch', async () => {
    const r = await run(['solve', '--input', batches, '--out', path.join(work, 'x'), '--pinned', path.join(work, 'b1')]);
    expect(r.code).toBe(2);
    expect(r.term.stderr.join('\n')).toMatch(/--pinned is for a batch run: give --batch LABEL too/);
  });
});
