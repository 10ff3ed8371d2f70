/**
 * latest.svg: two hand-drawn panels against the number of counties (log
 * scale): solve time (log scale) and gap, one series per runner (means over
 * valid seeds). Self-contained, no dependency.
 */
import { RUNNER_NAMES, type BenchReport, type RunnerName } from '../types.js';
import { presetsOf, summarize } from './aggregate.js';

const COLORS: Readonly<Record<RunnerName, string>> = {
  auto: '#ff7f0e',
  scalable: '#d62728',
  exact: '#9467bd',
  jslp: '#8c564b',
  greedy: '#7f7f7f',
  'highs-full': '#1f77b4',
  'highs-pruned': '#2ca02c',
};

/** Gaps below this are drawn on the floor line, labelled 0. */
const GAP_FLOOR = 1e-5;

interface Point {
  x: number;
  y: number;
  /** Some seed stopped at the time limit: drawn hollow. */
  cut: boolean;
}
interface Series {
  runner: RunnerName;
  points: Point[];
}
interface Panel {
  title: string;
  yLabel: string;
  series: Series[];
  yTicks: { value: number; label: string }[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const log10 = Math.log10;

function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(log10(lo)); e <= Math.ceil(log10(hi)); e++) out.push(10 ** e);
  return out;
}

function fmtSeconds(v: number): string {
  return `${+v.toPrecision(3)} s`;
}

function drawPanel(panel: Panel, left: number, top: number, width: number, height: number, xDomain: [number, number]): string {
  const [x0, x1] = [log10(xDomain[0]), log10(xDomain[1])];
  const ys = panel.yTicks.map((t) => log10(t.value));
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const px = (x: number): number => left + ((log10(x) - x0) / (x1 - x0 || 1)) * width;
  const py = (y: number): number => top + height - ((log10(y) - y0) / (y1 - y0 || 1)) * height;
  const parts: string[] = [];
  parts.push(`<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="#fff" stroke="#999"/>`);
  parts.push(`<text x="${left + width / 2}" y="${top - 10}" text-anchor="middle" font-size="14" font-weight="bold">${esc(panel.title)}</text>`);
  for (const t of panel.yTicks) {
    const y = py(t.value);
    parts.push(`<line x1="${left}" x2="${left + width}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${esc(t.label)}</text>`);
  }
  for (const c of decades(xDomain[0], xDomain[1])) {
    if (c < xDomain[0] || c > xDomain[1]) continue;
    const x = px(c);
    parts.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${top + height}" stroke="#eee"/>`);
    parts.push(`<text x="${x}" y="${top + height + 16}" text-anchor="middle" font-size="11">${c.toLocaleString('en-US')}</text>`);
  }
  parts.push(`<text x="${left + width / 2}" y="${top + height + 34}" text-anchor="middle" font-size="12">counties (log scale)</text>`);
  parts.push(`<text transform="translate(${left - 52},${top + height / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(panel.yLabel)}</text>`);
  for (const s of panel.series) {
    const pts = s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`);
    if (pts.length > 1) parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${COLORS[s.runner]}" stroke-width="2"/>`);
    for (const p of s.points) {
      const fill = p.cut ? '#fff' : COLORS[s.runner];
      parts.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4.5" fill="${fill}" stroke="${COLORS[s.runner]}" stroke-width="2"><title>${esc(`${s.runner}: ${p.x} counties, ${+p.y.toPrecision(4)}${p.cut ? ' (time limit)' : ''}`)}</title></circle>`);
    }
  }
  return parts.join('\n');
}

/** Renders the chart. */
export function renderSvg(report: BenchReport): string {
  const presets = presetsOf(report.rows);
  const time: Series[] = [];
  const gap: Series[] = [];
  for (const runner of RUNNER_NAMES) {
    const t: Point[] = [];
    const g: Point[] = [];
    for (const p of presets) {
      const s = summarize(report.rows, p).find((x) => x.runner === runner);
      if (!s || s.counties === null || s.valid.length === 0) continue;
      const cut = s.valid.some((r) => r.status === 'time-limit');
      if (s.seconds !== null) t.push({ x: s.counties, y: Math.max(s.seconds, 1e-3), cut });
      // A pruned model's gap is not a gap of the full instance: not drawn.
      const validBound = s.valid.every((r) => r.boundValid);
      if (validBound && s.gap !== null) g.push({ x: s.counties, y: Math.max(s.gap, GAP_FLOOR), cut });
    }
    if (t.length) time.push({ runner, points: t });
    if (g.length) gap.push({ runner, points: g });
  }
  const allCounties = [...time, ...gap].flatMap((s) => s.points.map((p) => p.x));
  const xDomain: [number, number] = allCounties.length ? [Math.min(...allCounties) / 1.5, Math.max(...allCounties) * 1.5] : [1, 10_000];
  const secs = time.flatMap((s) => s.points.map((p) => p.y));
  const tTicks = secs.length ? decades(Math.min(...secs), Math.max(...secs)) : [0.1, 1, 10, 100];
  const gaps = gap.flatMap((s) => s.points.map((p) => p.y));
  const gHi = gaps.length ? Math.max(...gaps, 1e-3) : 0.1;
  const gTicks = decades(GAP_FLOOR, gHi).map((v) => ({ value: v, label: v <= GAP_FLOOR ? '0' : `${+(100 * v).toPrecision(2)}%` }));
  const W = 980;
  const H = 470;
  const body = [
    drawPanel({ title: 'Solve time', yLabel: 'seconds (log scale)', series: time, yTicks: tTicks.map((v) => ({ value: v, label: fmtSeconds(v) })) }, 80, 50, 360, 300, xDomain),
    drawPanel({ title: 'Gap to the proven bound', yLabel: 'gap (log scale; floor = 0)', series: gap, yTicks: gTicks }, 580, 50, 360, 300, xDomain),
  ];
  const legend = RUNNER_NAMES.filter((r) => time.some((s) => s.runner === r)).map((r, i) => {
    const x = 40 + i * 160;
    const label = r === 'highs-pruned' ? 'highs-pruned (no valid gap)' : r;
    return `<rect x="${x}" y="${H - 46}" width="14" height="14" fill="${COLORS[r]}"/><text x="${x + 20}" y="${H - 34}" font-size="12">${esc(label)}</text>`;
  });
  legend.push(`<circle cx="${47}" cy="${H - 11}" r="4.5" fill="#fff" stroke="#333" stroke-width="2"/><text x="${60}" y="${H - 7}" font-size="12">hollow: a seed stopped at the time limit (its time is the limit)</text>`);
  const m = report.machine;
  const caption = `${report.mode} run · ${m.date.slice(0, 10)} · Node ${m.node} · ${m.cpu} × ${m.cores} · means over seeds ${report.settings.seeds.join(', ')} (valid runs only)`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fafafa"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="12" fill="#555">${esc(caption)}</text>`,
    ...body,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
