/**
 * The report's charts as inline SVG (no script, no external file): group
 * sizes, score per group, members by role per province. Labels are
 * escaped; coordinates are rounded to one decimal so output is stable.
 */
import type { Options } from '../model/options.js';
import { ROLES, type Role } from '../model/vocabulary.js';
import { clip, esc, int, num, px } from './format.js';
import { ROLE_LABELS } from './labels.js';
import type { GroupView, ProvinceStats } from './model.js';

/** Colors of the role segments, shared with the badges' CSS. */
export const ROLE_COLORS: Readonly<Record<Role, string>> = {
  leader: '#b45309', local: '#047857', east: '#1d4ed8', member: '#6b7280',
};

/** Colors of the score terms. */
export const TERM_COLORS = { coverage: '#2563eb', fit: '#16a34a', penalty: '#dc2626', total: '#4f46e5' } as const;

/** Groups up to this many get one labelled bar each in the score chart; more get a sorted column chart. */
export const LABELLED_SCORE_BARS = 40;

/** A step of 1, 2 or 5 × 10^k giving about `count` ticks up to `span`. */
function niceStep(span: number, count: number, integer: boolean): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  return integer ? Math.max(1, Math.round(step)) : step;
}

/** Ticks from `lo` to `hi` (both widened to a multiple of the step). */
function ticks(lo: number, hi: number, count: number, integer: boolean): { lo: number; hi: number; values: number[] } {
  const step = niceStep(hi - lo, count, integer);
  const a = Math.floor(lo / step + 1e-9) * step;
  const b = Math.max(Math.ceil(hi / step - 1e-9) * step, a + step);
  const values: number[] = [];
  for (let v = a; v <= b + step / 2; v += step) values.push(Math.round(v / step) * step);
  return { lo: a, hi: b, values };
}

function tickLabel(v: number, step: number): string {
  return step >= 1 ? int(v) : num(v, Math.min(3, Math.max(1, -Math.floor(Math.log10(step)))));
}

function svgOpen(width: number, height: number, label: string): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>`;
}

/** An HTML legend: colored swatches with labels (already escaped HTML). */
export function legend(items: readonly { color: string; html: string }[]): string {
  return `<div class="legend">${items.map((i) => `<span><i style="background:${i.color}"></i>${i.html}</span>`).join('')}</div>`;
}

function noData(text: string): string {
  return `<p class="empty">${text}</p>`;
}

/** Histogram of group sizes, with the allowed size band (H3) shaded. */
export function groupSizeChart(groups: readonly GroupView[], options: Options): string {
  if (groups.length === 0) return noData('没有组 No groups');
  const counts = new Map<number, number>();
  for (const g of groups) counts.set(g.members.length, (counts.get(g.members.length) ?? 0) + 1);
  const sizes = [...counts.keys()];
  const lo = Math.min(options.groupMin, ...sizes);
  const hi = Math.max(options.groupMax, ...sizes);
  const maxCount = Math.max(...counts.values());
  const W = 640, H = 260, L = 48, R = 12, T = 16, B = 44;
  const pw = W - L - R, ph = H - T - B;
  const n = hi - lo + 1;
  const bw = pw / n;
  const y = ticks(0, maxCount, 4, true);
  const Y = (v: number): number => T + ph - (v / y.hi) * ph;
  const label = '组规模分布 Group size distribution';
  let s = svgOpen(W, H, label);
  // The allowed band of H3.
  const bandA = Math.max(lo, options.groupMin) - lo, bandB = Math.min(hi, options.groupMax) - lo + 1;
  if (bandB > bandA) s += `<rect x="${px(L + bandA * bw)}" y="${T}" width="${px((bandB - bandA) * bw)}" height="${ph}" fill="#ecfdf5"/>`;
  for (const v of y.values) s += `<line x1="${L}" x2="${W - R}" y1="${px(Y(v))}" y2="${px(Y(v))}" class="grid"/><text x="${L - 6}" y="${px(Y(v) + 4)}" text-anchor="end">${int(v)}</text>`;
  for (let size = lo; size <= hi; size++) {
    const c = counts.get(size) ?? 0;
    const x = L + (size - lo) * bw;
    if (c > 0) {
      s += `<rect x="${px(x + bw * 0.12)}" y="${px(Y(c))}" width="${px(bw * 0.76)}" height="${px(T + ph - Y(c))}" fill="${TERM_COLORS.total}"><title>${size} 人 members: ${int(c)} 组 groups</title></rect>`;
      s += `<text x="${px(x + bw / 2)}" y="${px(Y(c) - 4)}" text-anchor="middle" class="val">${int(c)}</text>`;
    }
    s += `<text x="${px(x + bw / 2)}" y="${T + ph + 16}" text-anchor="middle">${size}</text>`;
  }
  s += `<line x1="${L}" x2="${W - R}" y1="${T + ph}" y2="${T + ph}" class="axis"/>`;
  s += `<text x="${px(L + pw / 2)}" y="${H - 6}" text-anchor="middle" class="title">组规模（人） Group size (members) · 允许 allowed ${options.groupMin}–${options.groupMax}</text>`;
  return `${s}</svg>`;
}

/** Score per group: labelled diverging bars by term for a few groups, sorted columns of totals for many. */
export function scoreChart(groups: readonly GroupView[], nameOf: (g: GroupView) => string): string {
  if (groups.length === 0) return noData('没有组 No groups');
  const sorted = [...groups].sort((a, b) => b.score.total - a.score.total || a.index - b.index);
  return sorted.length <= LABELLED_SCORE_BARS ? labelledScoreBars(sorted, nameOf) : sortedScoreColumns(sorted);
}

function labelledScoreBars(sorted: readonly GroupView[], nameOf: (g: GroupView) => string): string {
  // Positive parts (coverage, positive fit) go right of 0, negative parts (negative fit, penalty) left.
  const parts = sorted.map((g) => {
    const fit = g.score.fit;
    return { g, pos: g.score.coverage + Math.max(fit, 0), neg: Math.max(-fit, 0) + g.score.organizationPenalty };
  });
  const maxPos = Math.max(0, ...parts.map((p) => p.pos));
  const maxNeg = Math.max(0, ...parts.map((p) => p.neg));
  const W = 720, L = 130, R = 56, T = 8, rowH = 22, B = 40;
  const H = T + rowH * sorted.length + B;
  const pw = W - L - R;
  const x = ticks(-maxNeg, maxPos, 5, false);
  const X = (v: number): number => L + ((v - x.lo) / (x.hi - x.lo)) * pw;
  const step = (x.values[1] ?? 1) - (x.values[0] ?? 0);
  const label = '各组得分 Score per group';
  let s = svgOpen(W, H, label);
  for (const v of x.values) s += `<line x1="${px(X(v))}" x2="${px(X(v))}" y1="${T}" y2="${T + rowH * sorted.length}" class="grid"/><text x="${px(X(v))}" y="${T + rowH * sorted.length + 14}" text-anchor="middle">${tickLabel(v, step)}</text>`;
  parts.forEach(({ g }, i) => {
    const y0 = T + i * rowH + 4, h = rowH - 8;
    const seg = (from: number, to: number, color: string, title: string): string =>
      to > from ? `<rect x="${px(X(from))}" y="${y0}" width="${px(X(to) - X(from))}" height="${h}" fill="${color}"><title>${title}</title></rect>` : '';
    const name = nameOf(g);
    s += `<text x="${L - 6}" y="${y0 + h - 2}" text-anchor="end">${esc(clip(name, 10))}</text>`;
    const { coverage, fit, organizationPenalty: pen, total } = g.score;
    s += seg(0, coverage, TERM_COLORS.coverage, `${esc(name)} 覆盖 coverage ${num(coverage)}`);
    s += seg(coverage, coverage + Math.max(fit, 0), TERM_COLORS.fit, `${esc(name)} 契合 fit ${num(fit)}`);
    s += seg(-Math.max(-fit, 0), 0, TERM_COLORS.fit, `${esc(name)} 契合 fit ${num(fit)}`);
    s += seg(-Math.max(-fit, 0) - pen, -Math.max(-fit, 0), TERM_COLORS.penalty, `${esc(name)} 组织惩罚 organization penalty −${num(pen)}`);
    s += `<text x="${px(X(coverage + Math.max(fit, 0)) + 4)}" y="${y0 + h - 2}" class="val">${num(total, 1)}</text>`;
  });
  s += `<line x1="${px(X(0))}" x2="${px(X(0))}" y1="${T}" y2="${T + rowH * sorted.length}" class="axis"/>`;
  s += `<text x="${px(L + pw / 2)}" y="${H - 6}" text-anchor="middle" class="title">得分（按组从高到低） Score per group, highest first</text>`;
  return `${s}</svg>`;
}

function sortedScoreColumns(sorted: readonly GroupView[]): string {
  const totals = sorted.map((g) => g.score.total);
  const max = Math.max(0, ...totals), min = Math.min(0, ...totals);
  const W = 720, H = 260, L = 52, R = 12, T = 16, B = 44;
  const pw = W - L - R, ph = H - T - B;
  const y = ticks(min, max, 4, false);
  const Y = (v: number): number => T + ph - ((v - y.lo) / (y.hi - y.lo)) * ph;
  const step = (y.values[1] ?? 1) - (y.values[0] ?? 0);
  const bw = pw / sorted.length;
  const label = '各组得分分布 Score per group (sorted)';
  let s = svgOpen(W, H, label);
  for (const v of y.values) s += `<line x1="${L}" x2="${W - R}" y1="${px(Y(v))}" y2="${px(Y(v))}" class="grid"/><text x="${L - 6}" y="${px(Y(v) + 4)}" text-anchor="end">${tickLabel(v, step)}</text>`;
  // One path for all columns keeps a national page small.
  let d = '';
  totals.forEach((t, i) => {
    const top = Math.min(Y(t), Y(0)), h = Math.abs(Y(t) - Y(0));
    d += `M${px(L + i * bw)} ${px(top)}h${px(Math.max(bw * 0.85, 0.5))}v${px(h)}h-${px(Math.max(bw * 0.85, 0.5))}z`;
  });
  s += `<path d="${d}" fill="${TERM_COLORS.total}"/>`;
  s += `<line x1="${L}" x2="${W - R}" y1="${px(Y(0))}" y2="${px(Y(0))}" class="axis"/>`;
  const median = totals[Math.floor((totals.length - 1) / 2)] ?? 0;
  const marks: [number, string][] = [[0, `最高 max ${num(totals[0] ?? 0, 1)}`], [Math.floor((totals.length - 1) / 2), `中位 median ${num(median, 1)}`], [totals.length - 1, `最低 min ${num(totals[totals.length - 1] ?? 0, 1)}`]];
  for (const [i, text] of marks) {
    const anchor = i === 0 ? 'start' : i === totals.length - 1 ? 'end' : 'middle';
    s += `<text x="${px(L + (i + 0.5) * bw)}" y="${T + ph + 16}" text-anchor="${anchor}">${text}</text>`;
  }
  s += `<text x="${px(L + pw / 2)}" y="${H - 6}" text-anchor="middle" class="title">${int(sorted.length)} 个组，按得分从高到低 groups, highest score first</text>`;
  return `${s}</svg>`;
}

/** Members by role label per province: horizontal stacked bars. */
export function rolesByProvinceChart(provinces: readonly ProvinceStats[]): string {
  const rows = provinces.filter((p) => p.members > 0);
  if (rows.length === 0) return noData('没有成员 No members');
  const maxTotal = Math.max(...rows.map((p) => p.members));
  const W = 720, L = 96, R = 48, T = 8, rowH = 22, B = 40;
  const H = T + rowH * rows.length + B;
  const pw = W - L - R;
  const x = ticks(0, maxTotal, 5, true);
  const X = (v: number): number => L + (v / x.hi) * pw;
  const label = '各省成员角色构成 Members by role per province';
  let s = svgOpen(W, H, label);
  for (const v of x.values) s += `<line x1="${px(X(v))}" x2="${px(X(v))}" y1="${T}" y2="${T + rowH * rows.length}" class="grid"/><text x="${px(X(v))}" y="${T + rowH * rows.length + 14}" text-anchor="middle">${int(v)}</text>`;
  rows.forEach((p, i) => {
    const y0 = T + i * rowH + 4, h = rowH - 8;
    s += `<text x="${L - 6}" y="${y0 + h - 2}" text-anchor="end">${esc(clip(p.province, 8))}</text>`;
    let acc = 0;
    for (const role of ROLES) {
      const c = p.roles[role];
      if (c === 0) continue;
      const a = X(acc), b = X(acc + c);
      const r = ROLE_LABELS[role];
      s += `<rect x="${px(a)}" y="${y0}" width="${px(b - a)}" height="${h}" fill="${ROLE_COLORS[role]}"><title>${esc(p.province)} ${r.zh} ${r.en}: ${int(c)}</title></rect>`;
      if (b - a >= 22) s += `<text x="${px((a + b) / 2)}" y="${y0 + h - 3}" text-anchor="middle" class="in">${int(c)}</text>`;
      acc += c;
    }
    s += `<text x="${px(X(acc) + 4)}" y="${y0 + h - 2}" class="val">${int(acc)}</text>`;
  });
  s += `<text x="${px(L + pw / 2)}" y="${H - 6}" text-anchor="middle" class="title">成员数（按角色） Members by role</text>`;
  return `${s}</svg>`;
}
