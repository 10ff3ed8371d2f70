/**
 * Escaping and number formatting for the HTML report. Every text that can
 * come from a spreadsheet (names, organizations, industries, details) goes
 * through `esc`; every number through `num` or `int`, which never depend on
 * the locale, so the same inputs give the same bytes on any machine.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '` for use in HTML text and in quoted attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * A number with `digits` decimals: never `-0.00`, `∞` for infinity, `—` for
 * NaN. Locale-free (`toFixed`), so deterministic.
 */
export function num(x: number, digits = 2): string {
  if (Number.isNaN(x)) return '—';
  if (x === Number.POSITIVE_INFINITY) return '∞';
  if (x === Number.NEGATIVE_INFINITY) return '−∞';
  const s = x.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** An integer with `,` thousands separators (locale-free). */
export function int(n: number): string {
  if (!Number.isFinite(n)) return num(n);
  const s = Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && Math.round(n) !== 0 ? `−${s}` : s;
}

/** A ratio as a percentage with `digits` decimals; `—` when the denominator is 0. */
export function pct(part: number, whole: number, digits = 1): string {
  return whole > 0 ? `${num((100 * part) / whole, digits)}%` : '—';
}

/** An SVG coordinate: at most one decimal, no trailing `.0`. */
export function px(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Cuts a label to `max` characters (code points), ending with `…` when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Code-unit comparison: the same order on every machine (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
