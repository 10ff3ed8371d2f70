/**
 * CSV text out: quoting, and the neutralization of cells a spreadsheet would
 * run as formulas. Written by hand rather than with a streaming formatter
 * because output must be byte-identical across runs and platforms, and the
 * rules are a few lines.
 */

/**
 * Quotes a cell when a reader could misread it: it holds a comma, a double
 * quote, a line break, or leading/trailing white space (kept exactly so).
 * Inner quotes are doubled.
 */
export function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV text: the header, then the rows, each line ended by `\n` (also the last). */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',') + '\n').join('');
}

// A cell Excel, LibreOffice or Google Sheets treats as a formula starts with one of these.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALIZED = /^'+[=+\-@\t\r]/;

/**
 * Neutralizes CSV injection in a text cell: text starting with `=`, `+`,
 * `-`, `@`, tab or CR gets a leading `'`, so a spreadsheet shows it instead
 * of evaluating it. Text already starting with `'`s before such a character
 * gets one more `'`, which makes the mapping reversible (`unneutralizeText`)
 * and so a results folder reads back exactly.
 *
 * Every text cell of every CSV the product writes goes through this, ids
 * included (an id comes from a spreadsheet too, and `=HYPERLINK(…)` is a
 * valid id); `readResultDir` undoes it, so ids still match the input byte
 * for byte. Numbers are not passed through it: `-0.5` stays a number.
 *
 * @example neutralizeText('=1+1') // "'=1+1"
 */
export function neutralizeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `neutralizeText`. */
export function unneutralizeText(text: string): string {
  return NEUTRALIZED.test(text) ? text.slice(1) : text;
}
