/**
 * The tamper corpus: a few rounds solved by the library (scalable solver,
 * small and fast) and written with `writeResults`, then many distinct,
 * realistic edits of the written folders — summary numbers, status, bound,
 * options and input hash; rows' fit, covers, role and reason; counties
 * deleted, invented, doubled or moved to unmatched under a false reason;
 * experts swapped or doubled. Each tampered folder gets a fresh manifest
 * (`refreshManifest`), so that what is tested is `check`'s reading of the
 * files' meaning, not the manifest's hashes. `check` must refuse every one
 * and accept every untouched folder.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance } from '../../src/generate/index.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import { writeResults } from '../../src/io/write-results.js';
import type { Instance } from '../../src/model/schemas.js';
import type { SolveResult } from '../../src/model/result.js';
import { solve } from '../../src/solve/solve.js';
import { county, expert, makeInstance, national, local } from '../helpers/instance.js';
import { readFolder, resummarize, writeFolder, type Folder } from './tamper-kit.js';

/** `refreshManifest` of PART C's src/io/manifest.ts, when the tree has it (the path is a variable so that an older tree still loads this file). */
async function refreshManifestIfAny(dir: string): Promise<void> {
  const module = '../../src/io/manifest.js';
  const loaded = (await import(/* @vite-ignore */ module).catch(() => undefined)) as { refreshManifest?: (d: string) => Promise<void> } | undefined;
  await loaded?.refreshManifest?.(dir);
}

function capture(): Terminal & { text: () => string } {
  const lines: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), status: () => {}, text: () => lines.join('\n') };
}

/** Groups of 3–5 through counties.csv, so that `check` with the policy options applies. */
const small = (id: string, over: Parameters<typeof county>[1] = {}) => county(id, { groupMin: 3, groupMax: 5, ...over });

/**
 * A hand-made round with every kind of unmatched county: a, b, c require
 * 养蜂/processing and one expert holds it (two lost to competition); d has
 * no local scientist; e has pinned members; f requires a need nobody holds.
 */
const HAND: Instance = makeInstance({
  counties: ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => small(c)),
  needs: [
    ...['a', 'b', 'c'].map((c) => ({ countyId: c, industry: '养蜂', stage: 'processing', required: true })),
    { countyId: 'e', industry: '茶叶', stage: 'production' },
    { countyId: 'f', industry: '青稞', stage: 'branding', required: true },
  ],
  experts: [
    ...['a', 'b', 'c', 'd', 'e', 'f'].flatMap((c) => [national(`${c}-N`), ...(c === 'd' ? [] : [local(`${c}-L`, c)]), expert(`${c}-M1`), expert(`${c}-M2`)]),
    expert('H1'), expert('T1'), expert('F1'), expert('F2'),
  ],
  skills: [{ expertId: 'H1', industry: '养蜂', stage: 'processing' }, { expertId: 'T1', industry: '茶叶', stage: '*', proficiency: 3 }],
  affinities: [{ countyId: 'e', expertId: 'F1', score: 2 }],
  pins: [{ countyId: 'e', expertId: 'e-N', role: 'leader' }, { countyId: 'e', expertId: 'e-M1' }],
});

interface Round { name: string; instance: Instance; result: SolveResult; input: string; out: string }

/**
 * A tamper: `apply` returns false when it does not apply to the round (e.g.
 * no unmatched county). `finding`: what check must name, when one finding
 * is the point of the tamper. `unreadable`: the reader refuses the folder
 * itself (exit 2), before any check of its meaning.
 */
interface Tamper { name: string; apply: (f: Folder, r: Round) => boolean; finding?: RegExp; unreadable?: true }

const num = (f: Folder, key: string): number => Number(f.summary![key]);
const set = (key: string, value: unknown) => (f: Folder): boolean => {
  if (!f.summary) return false;
  f.summary[key] = value;
  return true;
};
const option = (key: string, value: unknown) => (f: Folder): boolean => {
  const options = f.summary?.['options'] as Record<string, unknown> | undefined;
  if (!options) return false;
  options[key] = value;
  return true;
};
const rowsOf = (f: Folder, countyId: string): string[][] => f.assignments.filter((r) => r[0] === countyId);
const matchedIds = (f: Folder): string[] => [...new Set(f.assignments.map((r) => r[0]!))];
/** The first row (in file order) with this role. */
const firstRole = (f: Folder, role: string): string[] | undefined => f.assignments.find((r) => r[2] === role);
const pinnedCounties = (r: Round): Set<string> => new Set(r.instance.pins.map((p) => p.countyId));
/** A matched county without pins: removing it breaks no pin, so only what the files mean can give it away. */
const unpinnedMatched = (f: Folder, r: Round): string | undefined => matchedIds(f).find((c) => !pinnedCounties(r).has(c));

/** Moves a matched county (the first without pins that `pick` accepts) to unmatched with `code`, and makes the summary agree (a careful tamperer). */
const moveToUnmatched = (code: string, pick: (countyId: string, r: Round) => boolean = () => true) => (f: Folder, r: Round): boolean => {
  const c = matchedIds(f).find((x) => !pinnedCounties(r).has(x) && pick(x, r));
  if (c === undefined) return false;
  f.assignments = f.assignments.filter((row) => row[0] !== c);
  f.unmatched.push([c, code, 'tampered']);
  f.unmatched.sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
  resummarize(f, r.instance);
  return true;
};

const TAMPERS: Tamper[] = [
  // summary.json: numbers
  { name: 'objective doubled', finding: /false claim objective \(summary\.json \[objective\]\)/, apply: (f) => set('objective', num(f, 'objective') * 2)(f) },
  { name: 'objective nudged by 1', apply: (f) => set('objective', num(f, 'objective') + 1)(f) },
  { name: 'bound below the score', finding: /upper-bound-below-objective/, apply: (f) => set('upperBound', num(f, 'objective') * 0.9 - 1)(f) && set('gap', 0)(f) },
  { name: 'bound emptied (null)', finding: /false claim upper-bound-missing/, apply: (f) => set('upperBound', null)(f) },
  { name: 'gap edited', apply: (f) => set('gap', num(f, 'gap') + 0.25)(f) },
  { name: 'claimed optimal with gap 0, bound kept', finding: /false claim (gap|status-gap)/, apply: (f) => f.summary?.['status'] !== 'optimal' && num(f, 'gap') > 0 && set('status', 'optimal')(f) && set('gap', 0)(f) },
  { name: 'claimed optimal after dropping a county (bound = score)', finding: /status-not-optimal/, apply: (f, r) => moveToUnmatched('competition')(f, r) && set('status', 'optimal')(f) && set('upperBound', num(f, 'objective'))(f) && set('gap', 0)(f) },
  { name: '999 matched counties', finding: /false claim matched-counties/, apply: set('matchedCounties', 999) },
  { name: 'total counties +1', apply: (f) => set('totalCounties', num(f, 'totalCounties') + 1)(f) },
  { name: 'experts used +1', apply: (f) => set('expertsUsed', num(f, 'expertsUsed') + 1)(f) },
  { name: 'experts free −1', apply: (f) => set('expertsFree', num(f, 'expertsFree') - 1)(f) },
  { name: 'matchable bound below matched', apply: (f) => set('matchableUpperBound', num(f, 'matchedCounties') - 1)(f) },
  { name: 'weakest group score raised', apply: (f) => f.summary?.['weakestGroupScore'] != null && set('weakestGroupScore', num(f, 'weakestGroupScore') + 3)(f) },
  { name: 'weakest group bound below its score', apply: (f) => f.summary?.['weakestGroupScore'] != null && set('weakestGroupBound', num(f, 'weakestGroupScore') - 3)(f) },
  { name: 'input hash of another input', finding: /false claim input-hash/, apply: set('inputHash', 'f'.repeat(64)) },
  { name: 'status infeasible with groups', apply: set('status', 'infeasible') },
  { name: 'seed differs from its options', apply: (f) => set('seed', num(f, 'seed') + 1)(f) },
  { name: 'summary.json deleted', finding: /summary-missing/, apply: (f) => { f.summary = undefined; return true; } },
  // summary.json: options
  { name: 'options: localMin 0 (the issue\'s example)', finding: /options options-differ \(summary\.json \[options\.localMin\]\)/, apply: option('localMin', 0) },
  { name: 'options: groupMin 2', apply: option('groupMin', 2) },
  { name: 'options: provincial experts may lead', apply: option('leaderLevels', ['national', 'provincial']) },
  { name: 'options: eastMax 5', apply: option('eastMax', 5) },
  { name: 'options: coverage weight 0', apply: (f) => option('weights', { ...(f.summary?.['options'] as { weights: object }).weights, coverage: 0 })(f) },
  { name: 'options: fairness on', apply: option('fairness', true) },
  { name: 'options and mode: affinity objective', apply: (f) => option('objective', 'affinity')(f) && set('objectiveMode', 'affinity')(f) },
  { name: 'options: not valid options', apply: option('groupMin', 'eight') },
  // assignments.csv: the rows' claims
  { name: 'a fit edited', finding: /false claim row-fit/, apply: (f) => { const row = f.assignments[0]; if (!row) return false; row[3] = (Number(row[3]) + 0.5).toFixed(4); return true; } },
  { name: 'a covers cell edited', finding: /false claim row-covers/, apply: (f) => { const row = f.assignments[0]; if (!row) return false; row[4] = row[4] ? `${row[4]};品牌/branding` : '茶叶/production'; return true; } },
  { name: 'a covers cell emptied', apply: (f) => { const row = f.assignments.find((x) => x[4] !== ''); if (!row) return false; row[4] = ''; return true; } },
  { name: 'a reason rewritten', apply: (f) => { const row = f.assignments[0]; if (!row) return false; row[5] = 'leader (组长), national-level; covers everything; fit 9'; return true; } },
  { name: 'a member relabelled leader', apply: (f) => { const row = firstRole(f, 'member') ?? firstRole(f, 'local'); if (!row) return false; row[2] = 'leader'; return true; } },
  { name: 'a local relabelled member', apply: (f) => { const row = firstRole(f, 'local'); if (!row) return false; row[2] = 'member'; return true; } },
  // assignments.csv / unmatched.csv: who is where
  { name: 'a matched county deleted', apply: (f, r) => { const c = unpinnedMatched(f, r); if (!c) return false; f.assignments = f.assignments.filter((x) => x[0] !== c); resummarize(f, r.instance); return true; } },
  { name: 'an unmatched county deleted', apply: (f, r) => { if (f.unmatched.length === 0) return false; f.unmatched.shift(); resummarize(f, r.instance); return true; } },
  { name: 'a fake county added', apply: (f) => { const row = f.assignments[0]; if (!row) return false; f.assignments.push(['FAKE-001', row[1]!, row[2]!, row[3]!, row[4]!, row[5]!]); return true; } },
  { name: 'a fake expert added', apply: (f) => { const row = f.assignments[0]; if (!row) return false; f.assignments.push([row[0]!, 'GHOST-9', 'member', '0.0000', '', 'member']); return true; } },
  { name: 'a county both matched and unmatched', apply: (f) => { const c = matchedIds(f)[0]; if (!c) return false; f.unmatched.push([c, 'not-solved', 'tampered']); return true; } },
  { name: 'an unmatched county listed twice', apply: (f) => { const u = f.unmatched[0]; if (!u) return false; f.unmatched.push([...u]); return true; } },
  { name: 'a member row deleted, claimed optimal', finding: /upper-bound-refuted/, apply: (f, r) => {
    const requiredKeys = new Set(r.instance.needs.filter((n) => n.required).map((n) => `${n.countyId}|${n.industry}/${n.stage}`));
    const row = f.assignments.find((x) => x[2] === 'member' && !pinnedCounties(r).has(x[0]!) && Number(x[3]) > 0 && !x[4]!.split(';').some((k) => requiredKeys.has(`${x[0]}|${k}`)));
    if (!row) return false;
    f.assignments = f.assignments.filter((x) => x !== row);
    resummarize(f, r.instance);
    return set('status', 'optimal')(f) && set('upperBound', num(f, 'objective'))(f) && set('gap', 0)(f);
  } },
  { name: 'members swapped between two groups', apply: (f, r) => {
    const [c1, c2] = matchedIds(f).filter((c) => !pinnedCounties(r).has(c));
    const m1 = c1 ? rowsOf(f, c1).find((x) => x[2] === 'member') : undefined;
    const m2 = c2 ? rowsOf(f, c2).find((x) => x[2] === 'member' && x[1] !== m1?.[1]) : undefined;
    if (!m1 || !m2) return false;
    [m1[1], m2[1]] = [m2[1]!, m1[1]!];
    resummarize(f, r.instance);
    return true;
  } },
  { name: 'an expert put in a second group', apply: (f, r) => {
    const [c1, c2] = matchedIds(f).filter((c) => !pinnedCounties(r).has(c));
    const m1 = c1 ? rowsOf(f, c1).find((x) => x[2] === 'member') : undefined;
    const m2 = c2 ? rowsOf(f, c2).find((x) => x[2] === 'member') : undefined;
    if (!m1 || !m2) return false;
    m2[1] = m1[1]!;
    resummarize(f, r.instance);
    return true;
  } },
  { name: 'a pinned member removed', apply: (f, r) => { const p = r.instance.pins.find((x) => x.role !== 'leader'); const row = p && f.assignments.find((x) => x[0] === p.countyId && x[1] === p.expertId); if (!row) return false; f.assignments = f.assignments.filter((x) => x !== row); resummarize(f, r.instance); return true; } },
  // unmatched.csv: false reasons (the summary made to agree)
  { name: 'moved to unmatched: no-local-scientist', finding: /false-reason .*no-local-scientist/, apply: moveToUnmatched('no-local-scientist') },
  { name: 'moved to unmatched: no-leader-candidate', apply: moveToUnmatched('no-leader-candidate') },
  { name: 'moved to unmatched: too-few-candidates', apply: moveToUnmatched('too-few-candidates') },
  { name: 'moved to unmatched: no-valid-group', apply: moveToUnmatched('no-valid-group') },
  { name: 'moved to unmatched: no-east-expert', apply: moveToUnmatched('no-east-expert') },
  { name: 'moved to unmatched: key-county', finding: /false-reason .*key-county/, apply: moveToUnmatched('key-county') },
  { name: 'moved to unmatched: pinned-infeasible without pins', apply: moveToUnmatched('pinned-infeasible') },
  { name: 'moved to unmatched: required-need-uncovered', apply: moveToUnmatched('required-need-uncovered', (c, r) => !r.instance.needs.some((n) => n.countyId === c && n.required)) },
  { name: 'a competition reason relabelled no-local-scientist', finding: /false-reason .*no-local-scientist/, apply: (f) => { const u = f.unmatched.find((x) => x[1] === 'competition'); if (!u) return false; u[1] = 'no-local-scientist'; return true; } },
  { name: 'a single-county reason relabelled competition', finding: /false-reason .*competition, but it cannot be matched even alone/, apply: (f) => { const u = f.unmatched.find((x) => ['no-local-scientist', 'required-need-uncovered', 'no-leader-candidate'].includes(x[1]!)); if (!u) return false; u[1] = 'competition'; return true; } },
  { name: 'a reason code not in the documented list', unreadable: true, apply: (f, r) => { const c = unpinnedMatched(f, r); if (!c) return false; f.assignments = f.assignments.filter((x) => x[0] !== c); f.unmatched.push([c, 'lack-of-interest', 'tampered']); resummarize(f, r.instance); return true; } },
  { name: 'a reason relabelled key-county', apply: (f) => { const u = f.unmatched[0]; if (!u) return false; u[1] = 'key-county'; return true; } },
  // pinned.csv: a pin the input never had
  { name: 'pinned.csv with a pin not in the input', finding: /pin-not-in-input/, apply: (f, r) => { const row = f.assignments.find((x) => !r.instance.pins.some((p) => p.countyId === x[0] && p.expertId === x[1])); if (!row) return false; f.pinnedCsv = `county_id,expert_id,role\n${r.instance.pins.map((p) => `${p.countyId},${p.expertId},${p.role ?? ''}`).join('\n')}${r.instance.pins.length > 0 ? '\n' : ''}${row[0]},${row[1]},\n`; return true; } },
];

let work: string;
const rounds: Round[] = [];
const outcomes: { round: string; tamper: Tamper; code: number; text: string }[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-tamper-'));
  const instances: [string, Instance][] = [
    ['demo', generateInstance('demo', 1)],
    ['tiny', generateInstance('tiny', 3)],
    ['scarce', generateInstance({ counties: 8, provinces: ['贵州'], expertsPerCounty: 9, scarcity: 1, hardRate: 0.5, nationalShare: 0.08 }, 2)],
    ['hand', HAND],
  ];
  for (const [name, instance] of instances) {
    const result = await solve(instance, { solver: 'scalable', timeLimit: 20 });
    if (result.status === 'invalid') throw new Error(`${name}: ${JSON.stringify(result.issues.slice(0, 3))}`);
    const input = path.join(work, `${name}-input`);
    const out = path.join(work, `${name}-result`);
    await writeInstanceDir(input, instance);
    await writeResults(out, result, { inputDir: input });
    rounds.push({ name, instance, result, input, out });
  }
  for (const r of rounds) {
    for (const t of TAMPERS) {
      const folder = await readFolder(r.out);
      if (!t.apply(folder, r)) continue;
      const dir = path.join(work, `${r.name}--${t.name.replace(/[^a-z0-9]+/gi, '-')}`);
      await cp(r.out, dir, { recursive: true });
      await writeFolder(dir, folder);
      await refreshManifestIfAny(dir);
      const term = capture();
      const code = await runCli(['check', '--input', r.input, '--result', dir], term);
      outcomes.push({ round: r.name, tamper: t, code, text: term.text() });
    }
  }
}, 240_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the tamper corpus', () => {
  it('has rounds with unmatched counties of several reasons, and pins', () => {
    const reasons = new Set(rounds.flatMap((r) => r.result.unmatched.map((u) => u.reasonCode)));
    expect([...reasons].sort()).toEqual(expect.arrayContaining(['competition', 'no-local-scientist', 'required-need-uncovered']));
    expect(rounds.some((r) => r.instance.pins.length > 0 && r.result.assignments.some((a) => a.countyId === r.instance.pins[0]!.countyId))).toBe(true);
  });

  it('check accepts every untouched folder', async () => {
    for (const r of rounds) {
      const term = capture();
      expect(await runCli(['check', '--input', r.input, '--result', r.out], term), `${r.name}: ${term.text()}`).toBe(0);
    }
  });

  it('check refuses every tampered folder: exit 3, naming what is false (exit 2 only where the reader refuses the file itself)', () => {
    const kinds = new Set(outcomes.map((o) => o.tamper.name));
    const accepted = outcomes.filter((o) => o.code === 0);
    console.log(`check refuses ${outcomes.length - accepted.length} of ${outcomes.length} tampered folders (${kinds.size} kinds of tamper on ${rounds.length} rounds; ${outcomes.filter((o) => o.code === 3).length} with exit 3)`);
    for (const o of outcomes.filter((x) => x.code !== 3)) console.log(`  exit ${o.code}: ${o.round}: ${o.tamper.name}: ${o.text.split('\n')[0]}`);
    expect(kinds.size).toBeGreaterThanOrEqual(30);
    expect(accepted.map((o) => `${o.round}: ${o.tamper.name}`)).toEqual([]);
    expect(outcomes.filter((o) => o.code !== (o.tamper.unreadable ? 2 : 3)).map((o) => `${o.round}: ${o.tamper.name} → exit ${o.code}: ${o.text.slice(0, 300)}`)).toEqual([]);
    const unnamed = outcomes.filter((o) => o.tamper.finding !== undefined && !o.tamper.finding.test(o.text));
    expect(unnamed.map((o) => `${o.round}: ${o.tamper.name} should report ${String(o.tamper.finding)}: ${o.text.slice(0, 400)}`)).toEqual([]);
  });
});
