/**
 * The report's small HTML builders, shared by its sections: bilingual
 * labels, table headers, sections. Every text goes through `esc`.
 */
import { esc } from './format.js';
import type { Bilingual } from './labels.js';

/** `中文 <span class="en">English</span>`, both escaped. */
export function bi(label: Bilingual): string {
  return `${esc(label.zh)}<span class="en">${esc(label.en)}</span>`;
}

/** `bi` of two strings. */
export function bl(zh: string, en: string): string {
  return bi({ zh, en });
}

/** A section of the page: its anchor `id`, a bilingual heading, the body (already HTML). */
export function section(id: string, zh: string, en: string, body: string): string {
  return `<section id="${id}"><h2>${bl(zh, en)}</h2>${body}</section>\n`;
}

/** A table header cell with both labels; `numeric` right-aligns it. */
export function th(zh: string, en: string, numeric = false): string {
  return `<th${numeric ? ' class="n"' : ''}>${esc(zh)}<span class="en">${esc(en)}</span></th>`;
}
