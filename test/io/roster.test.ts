/**
 * The roster (名单): its rows for a solved demo round (leader first, the
 * fixed member order, 召集人 and 联络员 passed through, contact-free),
 * roster.csv's bytes (BOM, header, CSV-injection guard, determinism), and
 * `verifyRoster` / `verifyResult` refusing a roster that is not the one the
 * input and the assignments give.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRoster } from '../../src/check/verify-roster.js';
import { verifyResult } from '../../src/check/verify-result.js';
import { generateInstance } from '../../src/generate/index.js';
import { refreshManifest } from '../../src/io/manifest.js';
import { readResultDir } from '../../src/io/read-results.js';
import { writeResults } from '../../src/io/write-results.js';
import { resolveOptions } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { ROLES } from '../../src/model/vocabulary.js';
import {
  buildRoster, parseRoster, resultRosterCsv, ROSTER_COLUMNS, ROSTER_FILE, rosterCsv, rosterRows, type StoredRoster,
} from '../../src/roster/index.js';
import { greedyResult } from '../report/fixtures.js';
import { tempDir } from './helpers.js';

const options = resolveOptions({});
let instance: Instance;
let result: SolveResult;

beforeAll(() => {
  instance = generateInstance('demo', 1);
  // 召集人 and 联络员 on some counties only: the others must come out empty.
  instance.counties.forEach((c, i) => {
    if (i % 2 === 0) c.convenor = `召集人${i}`;
    if (i % 3 === 0) c.liaison = `联络员${i}`;
  });
  result = greedyResult(instance, options);
});

async function stored(text: string): Promise<StoredRoster> {
  const r = await parseRoster(text.replace(/^\uFEFF/, ''));
  if (!r.ok) throw new Error(r.issue.message);
  return r.roster;
}

/** The roster's data lines (no BOM, no header), and a function to put a changed list back together. */
function lines(text: string): { head: string; rows: string[] } {
  const [head, ...rows] = text.replace(/^\uFEFF/, '').trimEnd().split('\n');
  return { head: head!, rows };
}
function join_(head: string, rows: readonly string[]): string {
  return `\uFEFF${[head, ...rows].join('\n')}\n`;
}

describe('buildRoster: a solved demo round', () => {
  it('has one entry per group, every member once, the leader first, then locals, East–West, others, by expert id', () => {
    const roster = buildRoster(instance, result.assignments, result.unmatched);
    expect(result.summary.matchedCounties).toBeGreaterThan(0);
    expect(roster.map((g) => g.countyId).sort()).toEqual([...new Set(result.assignments.map((a) => a.countyId))].sort());
    expect(roster.reduce((n, g) => n + g.members.length, 0)).toBe(result.assignments.length);
    for (const g of roster) {
      expect(g.members[0]?.role).toBe('leader');
      expect(g.members.filter((m) => m.role === 'leader')).toHaveLength(1);
      const rank = g.members.map((m) => ROLES.indexOf(m.role));
      expect(rank).toEqual([...rank].sort((a, b) => a - b));
      for (let i = 1; i < g.members.length; i++) {
        const [a, b] = [g.members[i - 1]!, g.members[i]!];
        if (a.role === b.role) expect(a.expertId < b.expertId).toBe(true);
      }
      expect(g.members.map((m) => m.seq)).toEqual(g.members.map((_, i) => i + 1));
    }
    // Every role label occurs in the demo, so the order is really exercised.
    expect(new Set(roster.flatMap((g) => g.members.map((m) => m.role)))).toEqual(new Set(ROLES));
  });

  it('passes 召集人 and 联络员 through from counties.csv, empty where a county has none', () => {
    const roster = buildRoster(instance, result.assignments, result.unmatched);
    const byId = new Map(instance.counties.map((c) => [c.id, c]));
    let withConvenor = 0;
    for (const g of roster) {
      const c = byId.get(g.countyId)!;
      expect(g.convenor).toBe(c.convenor ?? '');
      expect(g.liaison).toBe(c.liaison ?? '');
      expect([g.countyName, g.province, g.prefecture]).toEqual([c.name, c.province, c.prefecture]);
      if (g.convenor) withConvenor += 1;
    }
    expect(withConvenor).toBeGreaterThan(0);
    expect(withConvenor).toBeLessThan(roster.length);
  });

  it('takes each member from experts.csv: name, level, organization and its type, province', () => {
    const experts = new Map(instance.experts.map((e) => [e.id, e]));
    for (const g of buildRoster(instance, result.assignments, result.unmatched)) {
      for (const m of g.members) {
        const e = experts.get(m.expertId)!;
        expect([m.name, m.level, m.organization, m.orgType, m.province]).toEqual([e.name, e.level, e.organization, e.orgType, e.province]);
      }
    }
  });

  it('orders counties as the report does (provinces by first appearance, then counties.csv order), whatever the rows\' order', () => {
    const roster = buildRoster(instance, result.assignments, result.unmatched);
    const reversed = buildRoster(instance, [...result.assignments].reverse(), result.unmatched);
    expect(reversed).toEqual(roster);
    const provinces = [...new Set(instance.counties.map((c) => c.province))];
    const order = roster.map((g) => provinces.indexOf(g.province));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('flags a group kept with a vacancy', () => {
    const countyId = result.assignments[0]!.countyId;
    const roster = buildRoster(instance, result.assignments, [...result.unmatched, { countyId, reasonCode: 'vacancy' }]);
    expect(roster.filter((g) => g.vacancy).map((g) => g.countyId)).toEqual([countyId]);
    expect(rosterRows(roster).filter((r) => r.vacancy === 'true').every((r) => r.county_id === countyId)).toBe(true);
  });

  it('lists the kept members of a group held with a vacancy (vacancies.csv), flagged, leader first', () => {
    // Take one group out of the assignments and hold its members as a repair's vacancies.csv would.
    const countyId = result.assignments[0]!.countyId;
    const keptRows = result.assignments.filter((a) => a.countyId === countyId && a.role !== 'local');
    const rest = result.assignments.filter((a) => a.countyId !== countyId);
    const vacancies = keptRows.map((a) => ({ countyId: a.countyId, expertId: a.expertId, role: a.role }));
    const roster = buildRoster(instance, rest, [...result.unmatched, { countyId, reasonCode: 'vacancy' }], vacancies);
    const kept = roster.find((g) => g.countyId === countyId);
    expect(kept?.vacancy).toBe(true);
    expect(kept?.members.map((m) => m.expertId).sort()).toEqual(keptRows.map((a) => a.expertId).sort());
    expect(kept?.members[0]?.role).toBe('leader');
  });
});

describe('roster.csv', () => {
  it('starts with a BOM (for Excel), has the fixed header, a row per member, role and level in both languages', () => {
    const text = resultRosterCsv(instance, result);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const { head, rows } = lines(text);
    expect(head).toBe(ROSTER_COLUMNS.join(','));
    expect(rows).toHaveLength(result.assignments.length);
    const table = rosterRows(buildRoster(instance, result.assignments, result.unmatched));
    const leaders = table.filter((r) => r.role === 'leader');
    expect(leaders.every((r) => r.role_zh === '组长' && r.level === 'national' && r.level_zh === '国家级' && r.seq === '1')).toBe(true);
    expect(table.some((r) => r.role === 'local' && r.role_zh === '本地')).toBe(true);
    expect(table.some((r) => r.role === 'east' && r.role_zh === '东部')).toBe(true);
    // Needs for people: 茶叶·加工, never the raw key.
    expect(table.some((r) => r.needs_covered !== '')).toBe(true);
    expect(table.every((r) => !/\/(production|processing|branding)/.test(r.needs_covered))).toBe(true);
  });

  it('is contact-free: no column for a phone, an e-mail or an ID number', () => {
    for (const c of ROSTER_COLUMNS) expect(c).not.toMatch(/phone|tel|mail|id_card|identity|passport|mobile/i);
  });

  it('is byte-stable: the same result in any row order gives the same bytes', () => {
    const text = resultRosterCsv(instance, result);
    expect(resultRosterCsv(structuredClone(instance), { ...result, assignments: [...result.assignments].reverse() })).toBe(text);
  });

  it('neutralizes a formula in a name and reads back exactly', async () => {
    const inst = structuredClone(instance);
    const id = result.assignments[0]!.expertId;
    inst.experts.find((e) => e.id === id)!.name = '=HYPERLINK("x","y")';
    const text = resultRosterCsv(inst, result);
    expect(text).toContain(`"'=HYPERLINK(""x"",""y"")"`);
    const back = await stored(text);
    expect(back.rows.some((r) => r.cells[ROSTER_COLUMNS.indexOf('name')] === '=HYPERLINK("x","y")')).toBe(true);
    expect(verifyRoster(inst, result.assignments, result.unmatched, back)).toEqual([]);
  });
});

describe('verifyRoster: a roster that is not the input\'s is refused', () => {
  let text: string;
  beforeAll(() => {
    text = rosterCsv(buildRoster(instance, result.assignments, result.unmatched));
  });
  const codes = async (t: string, inst: Instance = instance): Promise<string[]> => verifyRoster(inst, result.assignments, result.unmatched, await stored(t)).map((f) => f.code);

  it('accepts the roster it derives', async () => {
    expect(await codes(text)).toEqual([]);
  });

  it('an edited member name', async () => {
    const { head, rows } = lines(text);
    const leader = instance.experts.find((e) => e.id === result.assignments.find((a) => a.role === 'leader')!.expertId)!;
    const i = rows.findIndex((r) => r.includes(`,${leader.id},${leader.name},`));
    expect(i).toBeGreaterThanOrEqual(0);
    const edited = [...rows];
    edited[i] = rows[i]!.replace(`,${leader.id},${leader.name},`, `,${leader.id},冒名顶替,`);
    const findings = verifyRoster(instance, result.assignments, result.unmatched, await stored(join_(head, edited)));
    expect(findings.map((f) => [f.code, f.field, f.claimed, f.actual])).toEqual([['roster-cell', 'name', '冒名顶替', leader.name]]);
  });

  it('a dropped member, an added member, a member listed twice', async () => {
    const { head, rows } = lines(text);
    expect(await codes(join_(head, rows.slice(1)))).toEqual(['roster-missing-row']);
    const spare = instance.experts.find((e) => !result.assignments.some((a) => a.expertId === e.id))!;
    const extra = rows[0]!.replace(/^([^,]*,(?:[^,]*,){10})[^,]*,[^,]*,/, `$1${spare.id},${spare.name},`);
    expect(extra).not.toBe(rows[0]);
    expect(await codes(join_(head, [...rows, extra]))).toEqual(['roster-extra-row']);
    expect(await codes(join_(head, [...rows, rows[0]!]))).toEqual(['roster-duplicate-row']);
  });

  it('members out of roster order (a member before the leader)', async () => {
    const { head, rows } = lines(text);
    expect(await codes(join_(head, [rows[1]!, rows[0]!, ...rows.slice(2)]))).toEqual(['roster-order']);
  });

  it('an edited 召集人, a changed role, a wrong header, a short row', async () => {
    const { head, rows } = lines(text);
    const i = rows.findIndex((r) => r.includes('召集人'));
    expect(await codes(join_(head, rows.map((r, k) => (k === i ? r.replace(/召集人\d+/, '某某') : r))))).toEqual(['roster-cell']);
    expect(await codes(join_(head, rows.map((r, k) => (k === 0 ? r.replace(',leader,组长,', ',member,成员,') : r))))).toEqual(['roster-cell', 'roster-cell']);
    expect(await codes(join_(head.replace('convenor', '召集人'), rows))).toEqual(['roster-header']);
    expect(await codes(join_(head, rows.map((r, k) => (k === 0 ? r.slice(0, r.lastIndexOf(',')) : r))))).toEqual(['roster-row-shape', 'roster-missing-row']);
  });

  it('a roster true to the rows but not to the input (a name changed in experts.csv after the roster was written)', async () => {
    const inst = structuredClone(instance);
    inst.experts.find((e) => e.id === result.assignments[0]!.expertId)!.name = '改过的名字';
    expect(await codes(text, inst)).toEqual(['roster-cell']);
  });
});

describe('roster.csv in a results folder, through readResultDir and verifyResult', () => {
  const rosterFindings = (inst: Instance, read: Awaited<ReturnType<typeof readResultDir>>): string[] => {
    if (!read.ok) throw new Error(read.issues.map((i) => i.message).join('; '));
    return verifyResult(inst, read, options).findings.filter((f) => f.file === ROSTER_FILE).map((f) => f.code);
  };

  it('is hashed by the manifest, read back, and checked: an edited name or a dropped member is caught', async () => {
    const out = join(await tempDir(), 'out');
    await writeResults(out, result, { extraFiles: { [ROSTER_FILE]: resultRosterCsv(instance, result) } });
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files)).toContain(ROSTER_FILE);
    const read = await readResultDir(out);
    expect(read.ok && read.roster?.rows.length).toBe(result.assignments.length);
    expect(rosterFindings(instance, read)).toEqual([]);

    // Edited without a fresh manifest: every reader refuses the folder.
    const text = await readFile(join(out, ROSTER_FILE), 'utf8');
    const name = instance.experts.find((e) => e.id === result.assignments[0]!.expertId)!.name;
    await writeFile(join(out, ROSTER_FILE), text.replace(`,${name},`, ',别人,'));
    const refused = await readResultDir(out);
    expect(!refused.ok && refused.issues.map((i) => [i.code, i.file])).toEqual([['manifest-mismatch', ROSTER_FILE]]);
    // With a fresh manifest, the content is judged: check catches the name.
    await refreshManifest(out);
    expect(rosterFindings(instance, await readResultDir(out))).toEqual(['roster-cell']);

    const { head, rows } = lines(text);
    await writeFile(join(out, ROSTER_FILE), join_(head, rows.slice(0, -1)));
    await refreshManifest(out);
    expect(rosterFindings(instance, await readResultDir(out))).toEqual(['roster-missing-row']);
  });

  it('a later run that writes no roster removes the old one (it is one of the product\'s files)', async () => {
    const out = join(await tempDir(), 'out');
    await writeResults(out, result, { extraFiles: { [ROSTER_FILE]: resultRosterCsv(instance, result) } });
    await writeResults(out, result);
    const read = await readResultDir(out);
    expect(read.ok && read.roster).toBeUndefined();
  });
});
