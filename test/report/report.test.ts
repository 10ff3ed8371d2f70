/**
 * The HTML report: sections, escaping, determinism, self-containment,
 * empty and partly unmatched rounds, the atomic write, and the size of a
 * national round's page.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import { resolveOptions } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { CHAIN_STAGES } from '../../src/model/vocabulary.js';
import {
  buildReportModel, escapeHtml, REASON_LABELS, renderReport, REPORT_FILE, stageColumns, STATUS_LABELS, writeReport,
} from '../../src/report/index.js';
import { num } from '../../src/report/format.js';
import { buildRoster } from '../../src/roster/index.js';
import { greedyResult } from './fixtures.js';

const options = resolveOptions({});
const SECTIONS = ['summary', 'provinces', 'charts', 'coverage', 'unmatched', 'groups', 'roster'] as const;
const HOSTILE = '<script>alert(1)</script>';

function clone<T>(x: T): T {
  return structuredClone(x);
}

let instance: Instance;
let result: SolveResult;
let html: string;

beforeAll(() => {
  instance = generateInstance('demo', 1);
  result = greedyResult(instance, options);
  html = renderReport(instance, result, options);
});

describe('renderReport: a solved demo round', () => {
  it('builds a valid result to report on', () => {
    expect(result.summary.matchedCounties).toBeGreaterThan(0);
  });

  it('is one complete HTML page with every section, bilingual headings', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    for (const id of SECTIONS) expect(html).toContain(`<section id="${id}">`);
    for (const label of ['匹配县数', 'Matched counties', '已证明上界', 'Proven upper bound', '差距', 'Gap', '求解器', 'Solver',
      '随机种子', 'Seed', '目标模式', 'Objective mode', '输入指纹', '版本', 'Version', '各省概况', 'By province', '需求覆盖率', 'Needs covered']) {
      expect(html).toContain(label);
    }
    const st = STATUS_LABELS[result.status];
    expect(html).toContain(escapeHtml(st.explainEn));
    expect(html).toContain(result.summary.inputHash);
    expect(html).toContain(escapeHtml(result.summary.solver));
  });

  it('has a card per group with role badges and the score broken down by term (groupScore)', () => {
    const m = buildReportModel(instance, result, options);
    expect((html.match(/<details class="card"/g) ?? []).length).toBe(m.groups.length);
    for (const role of ['组长 leader', '本地 local', '东部 east', '成员 member']) expect(html).toContain(role);
    for (const g of m.groups) {
      const card = html.slice(html.indexOf(`<details class="card" id="g-${g.index}">`));
      const body = card.slice(0, card.indexOf('</details>'));
      expect(body).toContain(`覆盖 coverage ${num(g.score.coverage)}`);
      expect(body).toContain(`契合 fit ${num(g.score.fit)}`);
      expect(body).toContain(`组织惩罚 organization penalty ${num(g.score.organizationPenalty)}`);
      expect(body).toContain(`得分 score ${num(g.score.total)}`);
      for (const mem of g.members) expect(body).toContain(escapeHtml(mem.assignment.reason));
    }
    // The terms add up to the summary's score (default objective).
    const sum = m.groups.reduce((a, g) => a + g.score.total, 0);
    expect(sum).toBeCloseTo(result.summary.objective, 6);
    expect(html).not.toContain('differ from the solve');
  });

  it('counts per province add up to the summary', () => {
    const m = buildReportModel(instance, result, options);
    const total = (k: 'counties' | 'matched' | 'members') => m.provinces.reduce((a, p) => a + p[k], 0);
    expect(total('counties')).toBe(result.summary.totalCounties);
    expect(total('matched')).toBe(result.summary.matchedCounties);
    expect(total('members')).toBe(result.assignments.length);
    for (const p of m.provinces) expect(html).toContain(`<tr><td>${escapeHtml(p.province)}</td><td class="n">${p.counties}</td>`);
  });

  it('draws the charts as inline SVG, and the coverage grid with chain stages first and a legend', () => {
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(3);
    for (const title of ['组规模分布 Group size distribution', '各组得分 Score per group', '各省成员角色构成 Members by role per province']) expect(html).toContain(title);
    for (const label of ['已覆盖', '有需求未覆盖', '必需需求未覆盖', '无需求']) expect(html).toContain(label);
    const m = buildReportModel(instance, result, options);
    const present = CHAIN_STAGES.filter((s) => instance.needs.some((n) => n.stage === s));
    expect(m.stages.slice(0, present.length)).toEqual(present);
    expect(html).toContain('生产<span class="en">production</span>');
    expect(html).toContain('<td class="a"');
  });

  it('is self-contained: no network reference, links are in-page anchors, one script of our own', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^#[\w-]+$/);
    expect((html.match(/<script/g) ?? []).length).toBe(1);
    expect(html).toContain("default-src 'none'");
  });

  it('is deterministic: same inputs, same bytes; no date or time inside', () => {
    expect(renderReport(clone(instance), clone(result), resolveOptions({}))).toBe(html);
    expect(renderReport(instance, greedyResult(instance, options), options)).toBe(html);
    // The solve's duration is not shown (it differs between runs).
    expect(renderReport(instance, { ...result, summary: { ...result.summary, seconds: 123.456 } }, options)).toBe(html);
    expect(html).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });
});

describe('renderReport: the printable roster (名单)', () => {
  /** The roster section's blocks, one per county, in page order. */
  const pages = (page: string): string[] => {
    const sec = page.slice(page.indexOf('<section id="roster">'));
    return sec.split('<div class="roster-page"').slice(1).map((p) => p.slice(0, p.indexOf('</div>')));
  };

  it('has one block per group, in roster order, the leader first, every member with name, level and organization', () => {
    const roster = buildRoster(instance, result.assignments, result.unmatched);
    const blocks = pages(html);
    expect(blocks).toHaveLength(result.summary.matchedCounties);
    expect(html).toContain('成员名单（认定、公示）');
    expect(html).toContain('Roster for approval and public notice');
    roster.forEach((g, i) => {
      const b = blocks[i]!;
      expect(b.startsWith(` id="r-${i}"><h3>${escapeHtml(g.countyName)} `)).toBe(true);
      const rows = b.split('<tr class="r-').slice(1);
      expect(rows).toHaveLength(g.members.length);
      expect(rows[0]!.startsWith('leader"><td>1</td>')).toBe(true);
      g.members.forEach((mem, k) => {
        expect(rows[k]).toContain(escapeHtml(mem.name));
        expect(rows[k]).toContain(escapeHtml(mem.organization || '—'));
      });
    });
  });

  it('shows 召集人 and 联络员 when counties.csv supplies them (a blank line to fill in where a county has none), and not otherwise', () => {
    expect(html.includes('<table class="kv contacts">')).toBe(false);
    const inst = clone(instance);
    const first = buildRoster(inst, result.assignments, result.unmatched)[0]!;
    const county = inst.counties.find((c) => c.id === first.countyId)!;
    county.convenor = '<b>王召集</b>';
    county.liaison = '李联络';
    const blocks = pages(renderReport(inst, result, options));
    expect(blocks[0]).toContain('召集人<span class="en">Convenor</span></th><td>&lt;b&gt;王召集&lt;/b&gt;</td>');
    expect(blocks[0]).toContain('<td>李联络</td>');
    expect(blocks[1]).toContain('召集人<span class="en">Convenor</span></th><td><span class="blank"></span></td>');
  });

  it('prints one county per page, and can print the roster alone', () => {
    const print = html.slice(html.indexOf('@media print{'));
    expect(print).toMatch(/\.roster-page\{break-before:page;page-break-before:always;/);
    // The "print the roster only" mode hides every other part of the page; its button is shown by the script only.
    expect(print).toContain('body.print-roster main>section:not(#roster)');
    expect(html).toContain('<div class="tools" id="roster-tools" hidden><button type="button" id="roster-print">');
    expect(html).toContain("document.body.classList.add('print-roster');window.print();");
  });

  it('flags a group kept with a vacancy', () => {
    const countyId = buildRoster(instance, result.assignments, result.unmatched)[0]!.countyId;
    const page = renderReport(instance, { ...result, unmatched: [...result.unmatched, { countyId, reasonCode: 'vacancy', detail: 'recruit a leader' }] }, options);
    expect(pages(page)[0]).toContain('<p class="vacancy">组内缺员，待补充');
    expect(pages(page).slice(1).join('')).not.toContain('class="vacancy"');
  });
});

describe('renderReport: hostile names from spreadsheets', () => {
  it('escapes & < > " \' in every user text', () => {
    const inst = clone(instance);
    const county = inst.counties[0]!;
    county.name = HOSTILE;
    county.prefecture = '"><img src=x onerror=alert(2)>';
    const province = county.province;
    for (const c of inst.counties) if (c.province === province) c.province = `${province}<u>&'`;
    const ctxExpert = result.assignments.find((a) => a.countyId === county.id)!.expertId;
    const expert = inst.experts.find((e) => e.id === ctxExpert)!;
    expert.name = `O'Brien "<script>alert(3)</script>"`;
    expert.organization = 'A & B <i>Co</i>';
    const res = clone(result);
    const other = res.assignments.find((a) => a.countyId !== county.id)!;
    other.reason = `</td></tr></table>${HOSTILE}`;
    res.summary.solver = '<u>solver</u>';
    res.unmatched.push({ countyId: 'ghost', reasonCode: 'competition', detail: `${HOSTILE} & more` });
    res.warnings.push({ code: 'key-county', file: 'counties.csv', line: 3, field: '<f>', message: HOSTILE });

    const page = renderReport(inst, res, options);
    // Checked with `includes` so that a failure prints the fragment, not the page.
    for (const raw of [HOSTILE, '<img', '<u>', '<i>Co']) expect(page.includes(raw), raw).toBe(false);
    for (const escaped of ['&lt;script&gt;alert(1)&lt;/script&gt;', 'O&#39;Brien &quot;&lt;script&gt;alert(3)&lt;/script&gt;&quot;',
      'A &amp; B &lt;i&gt;Co&lt;/i&gt;', `${escapeHtml(province)}&lt;u&gt;&amp;&#39;`, '&quot;&gt;&lt;img src=x', '&lt;u&gt;solver&lt;/u&gt;',
      '&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;', '[&lt;f&gt;]']) {
      expect(page.includes(escaped), escaped).toBe(true);
    }
    expect((page.match(/<script/g) ?? []).length).toBe(1);
    // The only extra table is the unmatched list (the demo round has no unmatched county): nothing injected.
    expect((page.match(/<\/table>/g) ?? []).length).toBe((html.match(/<\/table>/g) ?? []).length + 1);
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml('茶叶')).toBe('茶叶');
  });
});

describe('renderReport: unmatched counties and empty rounds', () => {
  it('lists unmatched counties with the code, a Chinese and an English label, and the detail', () => {
    const [a, b] = instance.counties;
    const unmatched = new Map([
      [a!.id, { reasonCode: 'no-local-scientist' as const, detail: `${a!.name}: no local scientist was recommended` }],
      [b!.id, { reasonCode: 'required-need-uncovered' as const, detail: `${b!.name}: nobody holds 茶叶/processing` }],
    ]);
    const res = greedyResult(instance, options, { unmatched });
    const page = renderReport(instance, res, options);
    const section = page.slice(page.indexOf('<section id="unmatched">'), page.indexOf('<section id="groups">'));
    for (const [id, d] of unmatched) {
      expect(section).toContain(escapeHtml(id));
      expect(section).toContain(d.reasonCode);
      expect(section).toContain(REASON_LABELS[d.reasonCode].zh);
      expect(section).toContain(REASON_LABELS[d.reasonCode].en);
      expect(section).toContain(escapeHtml(d.detail));
    }
    expect(page).toContain('未匹配 unmatched · ');
    expect((page.match(/<details class="card"/g) ?? []).length).toBe(res.summary.matchedCounties);
    // An unmatched county with a required need shows it red in the grid.
    if (instance.needs.some((n) => n.required && unmatched.has(n.countyId))) expect(page).toContain('<td class="q"');
  });

  it('handles a result with zero groups', () => {
    const all = new Map(instance.counties.map((c) => [c.id, { reasonCode: 'not-solved' as const, detail: `${c.name}: stopped` }]));
    const res = greedyResult(instance, options, { unmatched: all });
    expect(res.assignments).toHaveLength(0);
    const page = renderReport(instance, res, options);
    for (const id of SECTIONS) expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain(STATUS_LABELS.infeasible.en);
    expect(page).toContain('没有组 No groups');
    expect(page).not.toContain('<details class="card"');
    expect((page.match(/<td class="q"|<td class="u"/g) ?? []).length).toBeGreaterThan(0);
    expect(page).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('handles an empty round and an unbounded result', () => {
    const empty: Instance = { counties: [], needs: [], experts: [], skills: [], pairings: [], affinities: [], pins: [] };
    const res = greedyResult(empty, options);
    const page = renderReport(empty, { ...res, summary: { ...res.summary, upperBound: Number.POSITIVE_INFINITY, gap: 1 } }, options);
    for (const id of SECTIONS) expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain('没有需求 No needs listed');
    expect(page).toContain('未证明上界 no bound proven');
    expect(page).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('reports a county of the instance that the result forgot', () => {
    const res = clone(result);
    const dropped = res.assignments[0]!.countyId;
    res.assignments = res.assignments.filter((a) => a.countyId !== dropped);
    const page = renderReport(instance, res, options);
    expect(page).toContain('未列入结果');
    expect(page).toContain('Not in the result');
  });
});

describe('renderReport: affinity mode', () => {
  it('shows the score as Σ affinity, with no coverage or penalty term', () => {
    const affinity = resolveOptions({ objective: 'affinity' });
    const res = greedyResult(instance, affinity);
    const page = renderReport(instance, res, affinity);
    const m = buildReportModel(instance, res, affinity);
    for (const g of m.groups) {
      expect(g.score.coverage).toBe(0);
      expect(g.score.organizationPenalty).toBe(0);
    }
    expect(m.groups.reduce((a, g) => a + g.score.total, 0)).toBeCloseTo(res.summary.objective, 6);
    expect(page).toContain('亲和度模式');
    expect(page).toContain('the score is exactly Σ affinity over assigned pairs');
  });

  it('notes when the given options do not reproduce the summary score', () => {
    const page = renderReport(instance, result, resolveOptions({ objective: 'affinity' }));
    expect(page).toContain('differ from the solve');
  });
});

describe('stageColumns', () => {
  it('puts the chain stages first, then the other default stages, then the rest in code order', () => {
    const needs = ['zeta', 'training', 'branding', 'alpha', 'production', 'planning'].map((stage) => ({ stage }));
    expect(stageColumns(needs)).toEqual(['production', 'branding', 'planning', 'training', 'alpha', 'zeta']);
  });
});

describe('writeReport', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes report.html atomically into the folder, creating it, and replaces an old one', async () => {
    const out = join(dir, 'nested', 'out');
    const path = await writeReport(out, 'old');
    expect(path).toBe(join(out, REPORT_FILE));
    await writeReport(out, html);
    expect(await readFile(path, 'utf8')).toBe(html);
    expect(await readdir(out)).toEqual([REPORT_FILE]);
  });
});

describe('a national-size round', () => {
  it('stays a reasonable page: cards collapsed, under 8 MB, rendered in seconds', () => {
    const national = generateInstance('national', 1);
    const res = greedyResult(national, options);
    expect(res.summary.totalCounties).toBeGreaterThan(600);
    const t = Date.now();
    const page = renderReport(national, res, options);
    const ms = Date.now() - t;
    const bytes = Buffer.byteLength(page);
    console.log(`national report: ${res.summary.matchedCounties} groups, ${res.assignments.length} members, ${(bytes / 1e6).toFixed(2)} MB, ${ms} ms`);
    expect(bytes).toBeLessThan(8e6);
    expect(ms).toBeLessThan(10_000);
    expect(page).not.toMatch(/<details class="card"[^>]* open/);
    expect(page).toContain('<div class="hm tall">');
    expect(page).toContain('按省汇总');
  });
});
