/**
 * `check` as the gate a supervisor runs: it judges a result against the
 * policy defaults or the options it is given (--options FILE, flags), never
 * against the options the result's own summary.json holds; it prints every
 * option that differs from the policy beside its verdict; run settings
 * (solver, time limit, seed) are reported, never refused; and a result set
 * that records its own pins is checked with them.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { verifyResult, formatFinding } from '../../src/index.js';
import { readResultDir } from '../../src/io/read-results.js';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import { makeInstance, county, national, local, expert, eastern } from '../helpers/instance.js';
import { readFolder, writeFolder } from '../check/tamper-kit.js';

const DEMO = path.resolve('examples/demo');

async function refreshManifestIfAny(dir: string): Promise<void> {
  const module = '../../src/io/manifest.js';
  const loaded = (await import(/* @vite-ignore */ module).catch(() => undefined)) as { refreshManifest?: (d: string) => Promise<void> } | undefined;
  await loaded?.refreshManifest?.(dir);
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const term: Terminal = { out: (l) => out.push(l), err: (l) => err.push(l), status: () => {} };
  const code = await runCli(args, term);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let work: string;
let plain: string;
let affinity: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-check-gate-'));
  plain = path.join(work, 'plain');
  affinity = path.join(work, 'affinity');
  expect((await run(['solve', '--input', DEMO, '--out', plain, '--solver', 'scalable', '--seed', '5'])).code).toBe(0);
  expect((await run(['solve', '--input', DEMO, '--out', affinity, '--solver', 'scalable', '--objective', 'affinity'])).code).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('check judges against the policy or the options it is given', () => {
  it('accepts a result solved under the policy, and says so beside the verdict; run settings are printed, not refused', async () => {
    const r = await run(['check', '--input', DEMO, '--result', plain]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^valid: 12 groups/);
    expect(r.out).toMatch(/options +checked against the policy defaults/);
    expect(r.out).toMatch(/run +the result was solved with solver "scalable" \(checked with "auto"\), seed 5 \(checked with 1\): run settings only, not refused/);
  });

  it('refuses a group without a local scientist even when summary.json says localMin 0 (issue #9 B1)', async () => {
    const dir = path.join(work, 'local-min-0');
    await cp(plain, dir, { recursive: true });
    const f = await readFolder(dir);
    const localRow = f.assignments.find((x) => x[2] === 'local')!;
    const others = f.assignments.filter((x) => x[0] === localRow[0] && x[2] === 'local');
    f.assignments = f.assignments.filter((x) => !others.includes(x));
    (f.summary!['options'] as Record<string, unknown>)['localMin'] = 0;
    await writeFolder(dir, f);
    await refreshManifestIfAny(dir);
    const r = await run(['check', '--input', DEMO, '--result', dir]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/H5 local-count: county .* has 0 local scientists/);
    expect(r.err).toMatch(/options options-differ \(summary\.json \[options\.localMin\]\): the result was solved with localMin 0, but it is checked against localMin 1/);
  });

  it('refuses a result solved with another objective unless told so, and prints the option that differs from the policy', async () => {
    let r = await run(['check', '--input', DEMO, '--result', affinity]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/options-differ \(summary\.json \[options\.objective\]\): the result was solved with objective "affinity", but it is checked against objective "default"/);
    expect(r.err).toMatch(/false claim objective-mode/);
    r = await run(['check', '--input', DEMO, '--result', affinity, '--objective', 'affinity']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/options +checked against options that differ from the policy: objective "affinity" \(policy "default"\)/);
  });

  it('takes --options FILE, with the flags over it', async () => {
    const file = path.join(work, 'affinity.json');
    await writeFile(file, JSON.stringify({ objective: 'affinity' }));
    expect((await run(['check', '--input', DEMO, '--result', affinity, '--options', file])).code).toBe(0);
    const r = await run(['check', '--input', DEMO, '--result', affinity, '--options', file, '--objective', 'default']);
    expect(r.code).toBe(3);
    const rule = path.join(work, 'group.json');
    await writeFile(rule, JSON.stringify({ groupMin: 9 }));
    const g = await run(['check', '--input', DEMO, '--result', plain, '--options', rule]);
    expect(g.code).toBe(3);
    expect(g.err).toMatch(/options-differ \(summary\.json \[options\.groupMin\]\): the result was solved with groupMin 8, but it is checked against groupMin 9/);
    expect(g.err).toMatch(/options +checked against options that differ from the policy: groupMin 9 \(policy 8\)/);
  });

  it('refuses a bad options file with exit 2, naming the file and the option', async () => {
    const cases: [string, RegExp][] = [
      ['{"objectiv": "affinity"}', /\[objectiv\] objectiv is not an option; the options are objective, solver/],
      ['{"weights": {"coverag": 1}}', /\[weights\.coverag\] weights\.coverag is not an option/],
      ['{"groupMin": 0}', /\[groupMin\] groupMin: /],
      ['{"objective": "fast"}', /\[objective\] objective: /],
      ['[1, 2]', /must hold one JSON object of options/],
      ['{ not json', /is not valid JSON/],
    ];
    for (const [text, message] of cases) {
      const file = path.join(work, 'bad-options.json');
      await writeFile(file, text);
      const r = await run(['check', '--input', DEMO, '--result', plain, '--options', file]);
      expect(r.code, text).toBe(2);
      expect(r.err, text).toMatch(message);
      expect(r.err, text).toContain('bad-options.json');
    }
    const missing = await run(['check', '--input', DEMO, '--result', plain, '--options', path.join(work, 'nowhere.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/the options file .*nowhere\.json does not exist/);
    const flag = await run(['check', '--input', DEMO, '--result', plain, '--group-min', 'six']);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/--group-min must be a whole number/);
  });

  it('documents the gate in its help', async () => {
    const r = await run(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--options FILE/);
    expect(r.out).toMatch(/never\s+the\s+options the result's own summary\.json holds/);
    expect(r.out).toMatch(/solver, timeLimit, seed\) are printed\s+when they differ, and never fail it/);
  });
});

describe('verifyResult, the library function behind check', () => {
  it('returns typed findings: broken rules and false claims', async () => {
    const read = await readInstanceDir(DEMO);
    const stored = await readResultDir(plain);
    if (!read.ok || !stored.ok) throw new Error('demo must read');
    expect(verifyResult(read.instance, stored).ok).toBe(true);
    const doubled = { ...stored, summary: { ...stored.summary!, objective: stored.summary!.objective * 2 } };
    const report = verifyResult(read.instance, doubled);
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.kind, f.code, f.field])).toEqual([['false-claim', 'objective', 'objective']]);
    expect(formatFinding(report.findings[0]!)).toMatch(/^false claim objective \(summary\.json \[objective\]\): the summary claims score/);
    const noLeader = { ...stored, assignments: stored.assignments.filter((a) => !(a.countyId === stored.assignments[0]!.countyId && a.role === 'leader')) };
    const broken = verifyResult(read.instance, noLeader);
    expect(broken.findings.find((f) => f.kind === 'violation')).toMatchObject({ rule: 'H4', code: 'leader-count' });
  });
});

describe('pins a result set records', () => {
  /** Two counties; a's leader a-N is pinned and withdraws, b-N2 takes over. */
  const INSTANCE = makeInstance({
    counties: [county('a', { groupMin: 3, groupMax: 4 }), county('b', { groupMin: 3, groupMax: 4 })],
    experts: [national('a-N'), national('a-N2'), local('a-L', 'a'), expert('a-M1'), expert('a-M2'), national('b-N'), local('b-L', 'b'), expert('b-M1'), expert('b-M2')],
    pins: [{ countyId: 'a', expertId: 'a-N', role: 'leader' }],
  });

  it('checks H9 with the pins the result records, prints the input pins it dropped, and refuses a pin the input never had', async () => {
    const input = path.join(work, 'pins-input');
    await writeInstanceDir(input, INSTANCE);
    const solved = path.join(work, 'pins-solved');
    expect((await run(['solve', '--input', input, '--out', solved, '--solver', 'scalable'])).code).toBe(0);
    const repaired = path.join(work, 'pins-repaired');
    const rep = await run(['repair', '--input', input, '--result', solved, '--withdraw', 'a-N', '--out', repaired]);
    expect(rep.code, rep.err).toBe(0);
    const stored = await readResultDir(repaired);
    // The reader of PART C gives the pins a result set records; without it there is nothing to check here.
    if (!stored.ok || !('pinned' in stored)) return;
    const r = await run(['check', '--input', input, '--result', repaired]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/pins +the result's own pinned\.csv; input pins it dropped: a–a-N \(leader\)/);
    const forged = path.join(work, 'pins-forged');
    await cp(repaired, forged, { recursive: true });
    const pinned = await readFile(path.join(forged, 'pinned.csv'), 'utf8');
    await writeFile(path.join(forged, 'pinned.csv'), `${pinned.trimEnd()}\nb,b-M1,\n`);
    await refreshManifestIfAny(forged);
    const f = await run(['check', '--input', input, '--result', forged]);
    expect(f.code).toBe(3);
    expect(f.err).toMatch(/pin-not-in-input \(pinned\.csv\): the result records pin b–b-M1, which is not a pin of the input/);
  });
});

describe('withdrawals a repaired result records', () => {
  /** a is paired with E and has one East–West scientist, a-E; when a-E withdraws, a cannot be completed (its group is kept with a vacancy). */
  const INSTANCE = makeInstance({
    counties: [county('a', { groupMin: 3, groupMax: 4 }), county('b', { groupMin: 3, groupMax: 4 })],
    experts: [national('a-N'), local('a-L', 'a'), eastern('a-E'), expert('a-M1'), national('b-N'), local('b-L', 'b'), expert('b-M1'), expert('b-M2')],
    pairings: [{ eastProvince: 'E', westProvince: 'W', countyId: 'a' }],
  });

  it('checks the reasons of the counties a repair lost without the experts it says withdrew, and refuses a withdrawn expert who serves', async () => {
    const input = path.join(work, 'withdraw-input');
    await writeInstanceDir(input, INSTANCE);
    const solved = path.join(work, 'withdraw-solved');
    expect((await run(['solve', '--input', input, '--out', solved, '--solver', 'scalable'])).code).toBe(0);
    const repaired = path.join(work, 'withdraw-repaired');
    expect((await run(['repair', '--input', input, '--result', solved, '--withdraw', 'a-E', '--out', repaired])).code).toBe(0);
    // Issue 10: the group is kept with a vacancy (the East–West place), no longer dissolved; a-E counted free would refute it.
    expect(await readFile(path.join(repaired, 'unmatched.csv'), 'utf8')).toMatch(/^a,vacancy,.*to recruit: 1 scientist from E/m);
    const r = await run(['check', '--input', input, '--result', repaired]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/withdrawn +the result says a-E withdrew \(changes\.csv\): unmatched reasons are checked without them/);
    const forged = path.join(work, 'withdraw-forged');
    await cp(repaired, forged, { recursive: true });
    const changes = await readFile(path.join(forged, 'changes.csv'), 'utf8');
    // A member who serves b (the size term decides which of b's experts do).
    const stored = await readResultDir(repaired);
    const serving = stored.ok ? stored.assignments.find((a) => a.countyId === 'b' && a.role === 'member')!.expertId : 'b-M1';
    await writeFile(path.join(forged, 'changes.csv'), `${changes.trimEnd()}\nb,${serving},removed,member,withdrew\n`);
    await refreshManifestIfAny(forged);
    const f = await run(['check', '--input', input, '--result', forged]);
    expect(f.code).toBe(3);
    expect(f.err).toMatch(new RegExp(`withdrawn-serving \\(changes\\.csv\\): expert ${serving} is said to have withdrawn, yet serves county b`));
  });
});
