/**
 * The report of the bundled example, opened in headless Chromium (driven by
 * playwright-core): the page must not be blank, its key parts must have a
 * size on screen, every county name must be in its text, the expand-all
 * script must work, and there must be no console error, page error or
 * network request. The full-page screenshot is kept in a temporary folder
 * (or in $REPORT_SCREENSHOT_DIR) for a person to look at.
 *
 * Needs Chromium at /usr/bin/chromium (Debian's `chromium` package). Skipped
 * only when it is missing outside CI; in CI (env CI set) it always runs.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readInstanceDir } from '../../src/io/index.js';
import { resolveOptions } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { renderReport, writeReport } from '../../src/report/index.js';
import { solve } from '../../src/solve/solve.js';

const CHROMIUM = '/usr/bin/chromium';
/** The machine's network is closed: nothing in the background may try to reach it. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const EXAMPLE = resolve(import.meta.dirname, '../../examples/demo');

/**
 * Solves the example with the public `solve`, as a user would. No fallback:
 * if `solve` cannot load or fails, this test fails with that error, rather
 * than screenshotting a result some other solver made.
 */
async function solveExample(instance: Instance): Promise<SolveResult> {
  const result = await solve(instance, {});
  if (result.status === 'invalid') throw new Error(`the example is refused: ${result.issues.map((i) => i.message).join('; ')}`);
  return result;
}

const runs = existsSync(CHROMIUM) || !!process.env['CI'];

describe('the report in headless Chromium', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!runs)('shows the example round: not blank, every part laid out, no error, no request', async () => {
    const read = await readInstanceDir(EXAMPLE);
    if (!read.ok) throw new Error(`the example does not read: ${read.issues.map((i) => i.message).join('; ')}`);
    const instance = read.instance;
    const result = await solveExample(instance);
    expect(result.summary.matchedCounties).toBeGreaterThan(0);
    const html = renderReport(instance, result, resolveOptions({}));

    const dir = process.env['REPORT_SCREENSHOT_DIR'] ? resolve(process.env['REPORT_SCREENSHOT_DIR']) : await mkdtemp(join(tmpdir(), 'report-shot-'));
    await mkdir(dir, { recursive: true });
    const file = await writeReport(dir, html);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('about:')) problems.push(`request: ${r.url()}`); });
    page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));

    // A blank page of the same viewport, for the "is it blank?" comparison.
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    const blank = await page.screenshot();

    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const view = await page.screenshot();
    // A blank screenshot compresses to almost nothing; text, tables and charts do not.
    expect(view.length).toBeGreaterThan(blank.length * 10);

    // Key parts have a size on screen. (Locators rather than page functions: the project's tsconfig has no DOM types.)
    for (const sel of ['header.top h1', '#summary .tiles', '#provinces table', '#charts svg.chart', '#coverage table', '#unmatched', '#groups details.card', '#roster .roster-page', '#roster table.roster']) {
      expect(await page.locator(sel).count(), sel).toBeGreaterThan(0);
      const box = await page.locator(sel).first().boundingBox();
      expect(box?.width ?? 0, sel).toBeGreaterThan(10);
      expect(box?.height ?? 0, sel).toBeGreaterThan(10);
    }
    const charts = await page.locator('svg.chart').all();
    expect(charts).toHaveLength(3);
    for (const chart of charts) expect((await chart.boundingBox())?.height ?? 0).toBeGreaterThan(50);

    // Every county is named in the visible text (the cards' summaries are visible while closed).
    const text = await page.locator('body').innerText();
    for (const c of instance.counties) expect(text, c.name).toContain(c.name);
    expect(text).toContain('匹配县数');
    expect(text).toContain('Matched counties');

    // Closed cards hide their members; the script's button opens every card.
    const firstMember = page.locator('#g-0 table.members').first();
    expect(await firstMember.isVisible()).toBe(false);
    await page.click('#card-tools button[data-open="1"]');
    const cards = await page.locator('details.card').count();
    expect(await page.locator('details.card[open]').count()).toBe(cards);
    expect(await firstMember.isVisible()).toBe(true);
    const leaderBox = await page.locator('#g-0 .badge.r-leader').boundingBox();
    expect(leaderBox?.width ?? 0).toBeGreaterThan(10);

    // The roster's print button is shown by the script; printed, each county's roster starts a new page.
    expect(await page.locator('#roster-print').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate("getComputedStyle(document.querySelector('.roster-page')).breakBefore")).toBe('page');
    expect(await page.evaluate("(document.body.classList.add('print-roster'), getComputedStyle(document.querySelector('#summary')).display)")).toBe('none');
    expect(await page.evaluate("(document.body.classList.remove('print-roster'), getComputedStyle(document.querySelector('#summary')).display)")).toBe('block');
    await page.emulateMedia({ media: 'screen' });

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(blank.length * 10);
    console.log(`report screenshot (solver ${result.summary.solver}): ${shot}`);

    expect(problems).toEqual([]);
  });
});
