/**
 * `renderReport`: one self-contained HTML page for a solved round, to
 * publish or to read: summary, provinces, charts, a county × stage coverage
 * grid, unmatched counties with reasons, a card per group, and the printable
 * roster (名单, one county per printed page). Inline CSS
 * and SVG only (a Content-Security-Policy forbids every network load), all
 * user text escaped, no date or time inside: the same instance, result and
 * options give the same bytes.
 */
import type { Options } from '../model/options.js';
import type { SolveResult } from '../model/result.js';
import type { County, Instance, Need } from '../model/schemas.js';
import { ROLES } from '../model/vocabulary.js';
import { VERSION } from '../version.js';
import { groupSizeChart, legend, rolesByProvinceChart, ROLE_COLORS, scoreChart, TERM_COLORS } from './charts.js';
import { esc, int, num, pct, px } from './format.js';
import { bi, bl, section, th } from './html.js';
import { LEVEL_LABELS, needKeyLabel, orgTypeLabel, REASON_LABELS, ROLE_LABELS, stageLabel, STATUS_LABELS } from './labels.js';
import { buildReportModel, type CellState, type CoverageRow, type GroupView, type ReportModel } from './model.js';
import { renderRosterSection } from './roster.js';
import { REPORT_CSS, REPORT_SCRIPT } from './style.js';

/** Coverage rows beyond which the grid scrolls inside its own box (sticky header). */
export const TALL_HEATMAP_ROWS = 40;
/** Warnings listed in full; the rest are counted. */
const MAX_WARNINGS = 50;

function countyName(id: string, county: County | undefined): string {
  return county?.name ? county.name : id;
}

/** A stage as `加工 processing`, or the id alone outside the vocabulary. */
function stageText(stage: string): string {
  const s = stageLabel(stage);
  return s.zh ? `${s.zh} ${s.en}` : s.en;
}

function needText(need: Need): string {
  const s = stageLabel(need.stage);
  return `${need.industry}·${s.zh || s.en}`;
}

function tile(value: string, zh: string, en: string, sub = ''): string {
  return `<div class="tile"><div class="v">${value}</div><div class="lbl">${bl(zh, en)}</div>${sub ? `<div class="note">${sub}</div>` : ''}</div>`;
}

function renderSummary(m: ReportModel, options: Options): string {
  const { summary } = m.result;
  const st = STATUS_LABELS[m.result.status];
  const bounded = Number.isFinite(summary.upperBound);
  const members = m.result.assignments.length;
  const pool = summary.expertsUsed + summary.expertsFree;
  let s = `<div class="status st-${esc(m.result.status)}"><b>${esc(st.zh)} · ${esc(st.en)}</b> <span class="code">(${esc(m.result.status)})</span><p>${esc(st.explainZh)}</p><p class="muted">${esc(st.explainEn)}</p></div>`;
  s += '<div class="tiles">';
  s += tile(`${int(summary.matchedCounties)} / ${int(summary.totalCounties)}`, '匹配县数', 'Matched counties', pct(summary.matchedCounties, summary.totalCounties));
  s += tile(int(summary.matchableUpperBound), '可匹配县数上界', 'Proven bound on matchable counties');
  s += tile(int(summary.expertsUsed), '已用专家', 'Experts used', `${esc(pct(summary.expertsUsed, pool))} 专家库 of the pool (${int(pool)})`);
  s += tile(int(summary.expertsFree), '空闲专家', 'Experts free');
  s += tile(num(summary.objective), '得分', 'Score');
  s += tile(bounded ? num(summary.upperBound) : '∞', '已证明上界', 'Proven upper bound', bounded ? '' : '未证明上界 no bound proven');
  s += tile(bounded ? `${num(summary.gap * 100, 2)}%` : '—', '差距', 'Gap', '(上界 − 得分) / 上界 (bound − score) / bound');
  if (summary.weakestGroupScore !== null && summary.weakestGroupScore !== undefined) {
    const wb = summary.weakestGroupBound;
    s += tile(num(summary.weakestGroupScore), '最弱组得分', 'Weakest group (S5)', `上界 bound ${wb === null || wb === undefined || !Number.isFinite(wb) ? '—' : num(wb)}${options.fairness ? ' · 公平优先 fairness first' : ''}`);
  }
  s += tile(int(members), '成员总数', 'Members', m.groups.length > 0 ? `平均每组 mean ${num(members / m.groups.length, 1)} / group` : '');
  s += '</div>';

  const mode = summary.objectiveMode === 'affinity'
    ? '亲和度 affinity — 得分恰为所选县–专家对的亲和度之和 the score is exactly Σ affinity over assigned pairs'
    : '默认 default — 覆盖 S1 + 契合 S2/S3 − 组织惩罚 S4 coverage + fit − organization penalty';
  const rows: [string, string, string][] = [
    ['状态', 'Status', `${esc(st.zh)} ${esc(st.en)} <span class="code">${esc(m.result.status)}</span>`],
    ['求解器', 'Solver', `<span class="code">${esc(summary.solver)}</span>`],
    ['随机种子', 'Seed', `<span class="code">${esc(summary.seed)}</span>`],
    ['目标模式', 'Objective mode', esc(mode)],
    ['组规模', 'Group size (H3)', `${options.groupMin}–${options.groupMax}`],
    ['组长级别', 'Leader levels (H4)', options.leaderLevels.map((l) => bi(LEVEL_LABELS[l])).join('、')],
    ['本地科技工作者', 'Local scientists (H5)', `${options.localMin}–${options.localMax}`],
    ['东西部协作成员', 'East–West members (H6)', `${options.eastMin}–${options.eastMax}`],
    ['权重', 'Weights', `覆盖 coverage ${num(options.weights.coverage)} · 相关 relevance ${num(options.weights.relevance)} · 亲和 affinity ${num(options.weights.affinity)} · 组织 organization ${num(options.weights.organization)} (≤ ${options.maxSameOrganization} 同单位 per organization)`],
    ['输入指纹', 'Input hash (SHA-256)', `<span class="code">${esc(summary.inputHash)}</span>`],
    ['版本', 'Version', `<span class="code">advisory-groups ${esc(summary.version)}</span>`],
  ];
  s += `<table class="kv"><tbody>${rows.map(([zh, en, v]) => `<tr><th>${bl(zh, en)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;

  const sum = m.groups.reduce((a, g) => a + g.score.total, 0);
  if (Math.abs(sum - summary.objective) > 1e-6 * Math.max(1, Math.abs(summary.objective))) {
    s += `<p class="note">注意：按给定选项重算的各组得分之和为 ${num(sum)}，与摘要中的得分不同（选项可能与求解时不一致）。 Note: the group scores recomputed with the given options add up to ${num(sum)}, not the summary's score (the options may differ from the solve's).</p>`;
  }

  const warnings = m.result.warnings;
  if (warnings.length > 0) {
    s += `<h3>${bl(`提示（${warnings.length}）`, `Warnings (${warnings.length})`)}</h3><ul>`;
    for (const w of warnings.slice(0, MAX_WARNINGS)) {
      const where = w.line > 0 ? `${w.file}:${w.line}` : w.file;
      s += `<li><span class="code">${esc(where)}${w.field ? ` [${esc(w.field)}]` : ''}</span> ${esc(w.message)}</li>`;
    }
    if (warnings.length > MAX_WARNINGS) s += `<li class="muted">… 另有 ${warnings.length - MAX_WARNINGS} 条 and ${warnings.length - MAX_WARNINGS} more</li>`;
    s += '</ul>';
  }
  return section('summary', '摘要', 'Summary', s);
}

function renderProvinces(m: ReportModel): string {
  let s = '<div class="scroll"><table><thead><tr>';
  s += th('省份', 'Province') + th('县数', 'Counties', true) + th('已匹配', 'Matched', true) + th('未匹配', 'Unmatched', true);
  s += th('成员', 'Members', true) + th('本地', 'Locals', true) + th('东西部协作', 'East–West', true);
  s += th('平均组得分', 'Mean group score', true) + th('需求覆盖率', 'Needs covered', true);
  s += '</tr></thead><tbody>';
  const t = { counties: 0, matched: 0, unmatched: 0, members: 0, locals: 0, east: 0, score: 0, needs: 0, covered: 0 };
  for (const p of m.provinces) {
    s += `<tr><td>${esc(p.province)}</td><td class="n">${int(p.counties)}</td><td class="n">${int(p.matched)}</td><td class="n">${int(p.unmatched)}</td>`;
    s += `<td class="n">${int(p.members)}</td><td class="n">${int(p.locals)}</td><td class="n">${int(p.east)}</td>`;
    s += `<td class="n">${p.matched > 0 ? num(p.scoreSum / p.matched) : '—'}</td><td class="n">${pct(p.needsCovered, p.needs)}</td></tr>`;
    t.counties += p.counties; t.matched += p.matched; t.unmatched += p.unmatched; t.members += p.members;
    t.locals += p.locals; t.east += p.east; t.score += p.scoreSum; t.needs += p.needs; t.covered += p.needsCovered;
  }
  s += `</tbody><tfoot><tr><td>${bl('合计', 'Total')}</td><td class="n">${int(t.counties)}</td><td class="n">${int(t.matched)}</td><td class="n">${int(t.unmatched)}</td>`;
  s += `<td class="n">${int(t.members)}</td><td class="n">${int(t.locals)}</td><td class="n">${int(t.east)}</td>`;
  s += `<td class="n">${t.matched > 0 ? num(t.score / t.matched) : '—'}</td><td class="n">${pct(t.covered, t.needs)}</td></tr></tfoot></table></div>`;
  s += '<p class="note">本地、东西部协作按成员本身计数（H5、H6 的口径），与角色标签无关；需求覆盖率按已匹配县的需求条数计。 Locals and East–West members are counted by what the members are (as H5 and H6 count them), whatever their role label; needs covered counts the needs of matched counties.</p>';
  return section('provinces', '各省概况', 'By province', s);
}

function renderCharts(m: ReportModel, options: Options): string {
  const nameOf = (g: GroupView): string => countyName(g.countyId, g.county);
  let s = '<div class="charts">';
  s += `<div class="chart-box"><h3>${bl('组规模分布', 'Group size distribution')}</h3>${groupSizeChart(m.groups, options)}</div>`;
  s += `<div class="chart-box"><h3>${bl('各组得分', 'Score per group')}</h3>${scoreChart(m.groups, nameOf)}`;
  if (m.groups.length > 0 && m.groups.length <= 40) {
    s += legend([
      { color: TERM_COLORS.coverage, html: bl('覆盖', 'coverage (S1)') },
      { color: TERM_COLORS.fit, html: bl('契合', 'fit (S2 + S3)') },
      { color: TERM_COLORS.penalty, html: bl('组织惩罚', 'organization penalty (S4), subtracted') },
    ]);
  }
  s += '</div>';
  s += `<div class="chart-box"><h3>${bl('各省成员角色构成', 'Members by role per province')}</h3>${rolesByProvinceChart(m.provinces)}`;
  s += legend(ROLES.map((r) => ({ color: ROLE_COLORS[r], html: bi(ROLE_LABELS[r]) })));
  s += '</div></div>';
  return section('charts', '图表', 'Charts', s);
}

const CELL_CLASS: Readonly<Record<CellState, string>> = { covered: 'a', uncovered: 'u', required: 'q', none: 'z' };

function heatmapRow(row: CoverageRow): string {
  const name = esc(countyName(row.countyId, row.county));
  const label = row.group ? `<a href="#g-${row.group.index}">${name}</a>` : name;
  let s = `<tr${row.group ? '' : ' class="um"'}><th>${label}<small>${row.group ? '' : '未匹配 unmatched · '}${esc(row.countyId)}</small></th>`;
  for (const cell of row.cells) {
    if (cell.state === 'none') {
      s += '<td class="z"></td>';
      continue;
    }
    const title = cell.needs.map((n) => `${n.need.industry} ${n.covered ? '✓' : '✗'}${n.need.required ? ' 必需 required' : ''}`).join(' · ');
    s += `<td class="${CELL_CLASS[cell.state]}" title="${esc(title)}"></td>`;
  }
  return `${s}</tr>`;
}

/** Province × stage: counties whose needs on the stage are all covered, of those with a need there; greener is better. */
function provinceCoverage(m: ReportModel, head: string): string {
  const rowByCounty = new Map(m.coverage.map((r) => [r.countyId, r]));
  let s = `<div class="hm"><table class="pcov">${head}<tbody>`;
  for (const { province, countyIds } of m.countiesByProvince) {
    s += `<tr><th>${esc(province)}</th>`;
    m.stages.forEach((_, i) => {
      let needed = 0, covered = 0, required = 0;
      for (const id of countyIds) {
        const state = rowByCounty.get(id)?.cells[i]?.state ?? 'none';
        if (state !== 'none') needed += 1;
        if (state === 'covered') covered += 1;
        if (state === 'required') required += 1;
      }
      if (needed === 0) {
        s += '<td class="z"></td>';
        return;
      }
      const share = covered / needed;
      const title = `${province}: ${covered}/${needed} 已覆盖 covered${required > 0 ? `, ${required} 必需未覆盖 required uncovered` : ''}`;
      s += `<td style="background:hsl(${px(share * 120)},70%,${px(88 - share * 30)}%)" title="${esc(title)}">${int(covered)}/${int(needed)}${required > 0 ? ' ✗' : ''}</td>`;
    });
    s += '</tr>';
  }
  return `${s}</tbody></table></div>`;
}

function renderHeatmap(m: ReportModel): string {
  if (m.stages.length === 0 || m.coverage.length === 0) return section('coverage', '需求覆盖热力图', 'Coverage of needs by stage', '<p class="empty">没有需求 No needs listed</p>');
  let s = legend([
    { color: 'var(--ok)', html: `✓ ${bl('已覆盖', 'covered')}` },
    { color: 'var(--miss)', html: `○ ${bl('有需求未覆盖', 'needed, not covered')}` },
    { color: 'var(--req)', html: `✗ ${bl('必需需求未覆盖', 'required, not covered')}` },
    { color: 'var(--none)', html: bl('无需求', 'not needed') },
  ]);
  s += '<p class="note">行：县（按省分组）；列：产业链环节，前五个为生产、加工、保鲜、储运、品牌。一个格子里该环节的所有需求都被覆盖才算“已覆盖”；悬停可见各产业。 Rows: counties, by province; columns: chain stages. A cell is covered when every need of the county on that stage is covered; hover for the industries.</p>';
  const tall = m.coverage.length > TALL_HEATMAP_ROWS;
  const head = (zh: string, en: string): string => `<thead><tr><th>${bl(zh, en)}</th>${m.stages.map((stage) => {
    const l = stageLabel(stage);
    return `<th>${esc(l.zh || l.en)}${l.zh ? `<span class="en">${esc(l.en)}</span>` : ''}</th>`;
  }).join('')}</tr></thead>`;
  if (tall) s += `<h3>${bl('按省汇总', 'By province')}</h3>${provinceCoverage(m, head('省份', 'Province'))}<h3>${bl('按县', 'By county')}</h3>`;
  s += `<div class="hm${tall ? ' tall' : ''}"><table>${head('县', 'County')}<tbody>`;
  const rowByCounty = new Map(m.coverage.map((r) => [r.countyId, r]));
  const needed = m.stages.map(() => 0), covered = m.stages.map(() => 0);
  for (const { province, countyIds } of m.countiesByProvince) {
    s += `<tr class="pv"><th colspan="${m.stages.length + 1}">${esc(province)}</th></tr>`;
    for (const id of countyIds) {
      const row = rowByCounty.get(id);
      if (!row) continue;
      s += heatmapRow(row);
      row.cells.forEach((c, i) => {
        if (c.state !== 'none') needed[i] = (needed[i] ?? 0) + 1;
        if (c.state === 'covered') covered[i] = (covered[i] ?? 0) + 1;
      });
    }
  }
  s += `</tbody><tfoot><tr><th>${bl('已覆盖 / 有需求', 'covered / needed')}</th>`;
  m.stages.forEach((_, i) => { s += `<td>${int(covered[i] ?? 0)}/${int(needed[i] ?? 0)}</td>`; });
  s += '</tr></tfoot></table></div>';
  return section('coverage', '需求覆盖热力图', 'Coverage of needs by stage', s);
}

function renderUnmatched(m: ReportModel): string {
  if (m.unmatched.length === 0) return section('unmatched', '未匹配的县', 'Unmatched counties', '<p class="empty">所有县都已组成顾问组。 Every county has a group.</p>');
  const byCode = new Map<string, number>();
  for (const u of m.unmatched) {
    const code = u.row?.reasonCode ?? '';
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  let s = `<p>${int(m.unmatched.length)} 个县未匹配 counties without a group: `;
  s += [...byCode].map(([code, n]) => `<span class="pill">${code ? `${esc(REASON_LABELS[code as keyof typeof REASON_LABELS]?.zh ?? code)} <span class="code">${esc(code)}</span>` : '未列入结果 not in the result'} × ${int(n)}</span>`).join(' ');
  s += '</p><div class="scroll"><table><thead><tr>';
  s += th('县', 'County') + th('省份', 'Province') + th('原因', 'Reason') + th('说明', 'Detail');
  s += '</tr></thead><tbody>';
  for (const u of m.unmatched) {
    const label = u.row ? REASON_LABELS[u.row.reasonCode] : undefined;
    const reason = u.row
      ? `<span class="code">${esc(u.row.reasonCode)}</span><br>${label ? bi(label) : ''}`
      : bl('未列入结果', 'Not in the result');
    const detail = u.row ? esc(u.row.detail) : '该县在输入中，但结果既没有它的组，也没有未匹配原因。 The county is in the input, but the result has neither a group nor a reason for it.';
    s += `<tr><td>${esc(countyName(u.countyId, u.county))}<br><small class="muted">${esc(u.countyId)}</small></td><td>${esc(u.county?.province ?? '')}${u.county?.prefecture ? `<br><small class="muted">${esc(u.county.prefecture)}</small>` : ''}</td><td>${reason}</td><td>${detail}</td></tr>`;
  }
  s += '</tbody></table></div>';
  return section('unmatched', '未匹配的县', 'Unmatched counties', s);
}

function renderCard(m: ReportModel, g: GroupView): string {
  const name = countyName(g.countyId, g.county);
  const leader = g.leader ? (g.leader.expert?.name || g.leader.assignment.expertId) : '—';
  const where = [g.county?.province, g.county?.prefecture, g.countyId].filter((x): x is string => !!x).map(esc).join(' · ');
  const { coverage, fit, organizationPenalty, total, covered } = g.score;
  let s = `<details class="card" id="g-${g.index}"><summary><b>${esc(name)}</b><span class="muted">${where}</span>`;
  s += `<span>组长 Leader: ${esc(leader)}</span><span class="pill">${int(g.members.length)} 人 members</span>`;
  s += `<span class="pill">得分 score ${num(total)}</span><span class="pill">需求覆盖 needs ${int(covered.size)}/${int(g.needs.length)}</span></summary><div class="body">`;
  s += `<div class="breakdown"><span class="t t-cov">覆盖 coverage ${num(coverage)}</span>+<span class="t t-fit">契合 fit ${num(fit)}</span>−<span class="t ${organizationPenalty > 0 ? 't-pen' : 't-nil'}">组织惩罚 organization penalty ${num(organizationPenalty)}</span>=<span class="t t-tot">得分 score ${num(total)}</span>`;
  if (m.ctx.options.objective === 'affinity') s += '<span class="muted">亲和度模式：得分 = Σ 亲和度 affinity mode: score = Σ affinity</span>';
  s += '</div>';
  if (g.needs.length > 0) {
    s += '<div class="needs">';
    g.needs.forEach((n, i) => {
      const ok = covered.has(i);
      s += `<span class="need ${ok ? 'ok' : 'no'}${n.required ? ' rq' : ''}" title="${esc(`${n.industry} / ${stageText(n.stage)} · weight ${num(n.weight, 2)}${n.required ? ' · 必需 required' : ''}`)}">${esc(needText(n))} ${ok ? '✓' : '✗'}${n.required ? ' 必需' : ''}${n.weight !== 1 ? ` ×${esc(num(n.weight, n.weight % 1 === 0 ? 0 : 2))}` : ''}</span>`;
    });
    s += '</div>';
  }
  s += '<div class="scroll"><table class="members"><thead><tr>';
  s += th('专家', 'Expert') + th('角色', 'Role') + th('单位', 'Organization') + th('级别', 'Level') + th('覆盖需求', 'Needs covered') + th('契合', 'Fit', true) + th('理由', 'Reason');
  s += '</tr></thead><tbody>';
  for (const { assignment: a, expert: e } of g.members) {
    const r = ROLE_LABELS[a.role];
    const sub = [a.expertId, e?.province].filter((x): x is string => !!x).map(esc).join(' · ');
    const org = e?.organization ? `${esc(e.organization)}${e.orgType ? `<small class="muted"> ${esc(orgTypeLabel(e.orgType).zh)}</small>` : ''}` : '<span class="muted">—</span>';
    const covers = a.covers.length > 0 ? esc(a.covers.map(needKeyLabel).join('、')) : '<span class="muted">—</span>';
    s += `<tr><td class="who">${esc(e?.name || a.expertId)}<small>${sub}</small></td><td><span class="badge r-${a.role}">${esc(r.zh)} ${esc(r.en)}</span></td>`;
    s += `<td>${org}</td><td class="lv">${e ? esc(LEVEL_LABELS[e.level].zh) : '—'}</td><td>${covers}</td><td class="n">${num(a.fit)}</td><td class="reason">${esc(a.reason)}</td></tr>`;
  }
  s += '</tbody></table></div></div></details>\n';
  return s;
}

function renderGroups(m: ReportModel): string {
  if (m.groups.length === 0) return section('groups', '各县顾问组', 'Groups by county', '<p class="empty">没有组 No groups</p>');
  let s = '<p class="note">点击县名展开成员名单。 Click a county to open its members.</p>';
  s += '<div class="tools" id="card-tools" hidden><button type="button" data-open="1">全部展开 Expand all</button><button type="button" data-open="0">全部收起 Collapse all</button></div>';
  s += '<div class="cards">';
  for (const { province, countyIds } of m.countiesByProvince) {
    const groups = countyIds.flatMap((id) => {
      const g = m.groupByCounty.get(id);
      return g ? [g] : [];
    });
    if (groups.length === 0) continue;
    s += `<h3>${esc(province)} <span class="en">· ${int(groups.length)} 组 ${groups.length === 1 ? 'group' : 'groups'}</span></h3>\n`;
    for (const g of groups) s += renderCard(m, g);
  }
  s += '</div>';
  return section('groups', '各县顾问组', 'Groups by county', s);
}

/**
 * Renders the report of a solved round as one self-contained HTML page.
 *
 * @param instance the round, as solved (validated: defaults filled in)
 * @param result what `solve` returned
 * @param options the round's options (`resolveOptions(...)`), used to recompute each group's score by term
 * @returns the page, deterministic for the same arguments
 * @example
 * const result = await solveOrThrow(instance, { seed: 1 });
 * await writeReport('out/round1', renderReport(instance, result, resolveOptions({ seed: 1 })));
 */
export function renderReport(instance: Instance, result: SolveResult, options: Options): string {
  const m = buildReportModel(instance, result, options);
  const { summary } = result;
  const nav: [string, string, string][] = [
    ['summary', '摘要', 'Summary'], ['provinces', '各省概况', 'Provinces'], ['charts', '图表', 'Charts'],
    ['coverage', '需求覆盖', 'Coverage'], ['unmatched', `未匹配 (${int(m.unmatched.length)})`, 'Unmatched'], ['groups', `顾问组 (${int(m.groups.length)})`, 'Groups'],
    ['roster', '名单', 'Roster'],
  ];
  const title = '产业顾问组匹配报告 Industry advisory groups report';
  return '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
    + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'">\n'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + `<meta name="generator" content="advisory-groups ${esc(VERSION)}">\n`
    + `<title>${esc(title)}</title>\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n`
    + `<header class="top"><h1>产业顾问组匹配报告<span class="en">Industry advisory groups report</span></h1>`
    + `<p>${bi(STATUS_LABELS[result.status])} · ${int(summary.matchedCounties)} / ${int(summary.totalCounties)} 县 counties · 输入 input ${esc(summary.inputHash.slice(0, 16))} · advisory-groups ${esc(summary.version)}</p>`
    + `<nav>${nav.map(([id, zh, en]) => `<a href="#${id}">${esc(zh)} ${esc(en)}</a>`).join('')}</nav></header>\n<main>\n`
    + renderSummary(m, options) + renderProvinces(m) + renderCharts(m, options) + renderHeatmap(m) + renderUnmatched(m) + renderGroups(m) + renderRosterSection(instance, result)
    + `</main>\n<footer>由 advisory-groups ${esc(VERSION)} 生成；同样的输入、选项和种子给出同样的页面。 Generated by advisory-groups ${esc(VERSION)}; the same input, options and seed give the same page.</footer>\n`
    + `<script>${REPORT_SCRIPT}</script>\n</body>\n</html>\n`;
}
