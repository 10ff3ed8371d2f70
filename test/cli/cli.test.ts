import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshManifest } from '../../src/io/manifest.js';
import { runCli } from '../../src/cli/main.js';
import { capture } from '../helpers/terminal.js';

const DEMO = path.resolve('examples/demo');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('advisory-groups solve', () => {
  let out: string;
  beforeAll(async () => {
    out = path.join(work, 'out');
    const term = capture();
    const code = await runCli(['solve', '--input', DEMO, '--out', out], term);
    expect(term.stderr).toEqual([]);
    expect(code).toBe(0);
  });

  it('writes the result files and a summary that proves optimality on the demo', async () => {
    expect((await readdir(out)).sort()).toEqual(['assignments.csv', 'ledger.csv', 'manifest.json', 'roster.csv', 'summary.json', 'timing.json', 'unmatched.csv']);
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
    expect(summary['status']).toBe('optimal');
    expect(summary['matchedCounties']).toBe(12);
    expect(summary['gap']).toBe(0);
    expect(summary).not.toHaveProperty('seconds');
    const rows = (await readFile(path.join(out, 'assignments.csv'), 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('county_id,expert_id,role,fit,covers,reason');
    expect(rows.filter((r) => r.includes(',leader,')).length).toBe(12);
  });

  it('is checked valid by `check`', async () => {
    const term = capture();
    expect(await runCli(['check', '--input', DEMO, '--result', out], term)).toBe(0);
    expect(term.stdout.join('\n')).toMatch(/valid: 12 groups/);
  });

  it('gives byte-identical files for the same input, options and seed', async () => {
    const again = path.join(work, 'again');
    expect(await runCli(['solve', '--input', DEMO, '--out', again], capture())).toBe(0);
    for (const f of ['assignments.csv', 'unmatched.csv', 'summary.json']) {
      expect(await readFile(path.join(again, f), 'utf8')).toBe(await readFile(path.join(out, f), 'utf8'));
    }
  });

  it('writes a self-contained report.html with --report', async () => {
    const withReport = path.join(work, 'with-report');
    const term = capture();
    expect(await runCli(['solve', '--input', DEMO, '--out', withReport, '--report'], term)).toBe(0);
    const html = await readFile(path.join(withReport, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('福台县');
    expect(html).not.toMatch(/https?:\/\//);
    expect(term.stdout.join('\n')).toMatch(/report\.html/);
  });

  it('`check` reports a tampered result with the broken rules and exit code 3', async () => {
    const bad = path.join(work, 'tampered');
    await cp(out, bad, { recursive: true });
    const file = path.join(bad, 'assignments.csv');
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, lines.filter((l, i) => i === 0 || !l.includes(',leader,') || !l.startsWith(lines[1]!.split(',')[0]!)).join('\n'));
    // Issue 9: the edited file no longer matches manifest.json, so the folder is refused as it is…
    const refused = capture();
    expect(await runCli(['check', '--input', DEMO, '--result', bad], refused)).toBe(2);
    expect(refused.stderr.join('\n')).toMatch(/assignments\.csv differs from the file manifest\.json lists/);
    // …and with the manifest recomputed, check judges the content.
    await refreshManifest(bad);
    const term = capture();
    expect(await runCli(['check', '--input', DEMO, '--result', bad], term)).toBe(3);
    expect(term.stderr.join('\n')).toMatch(/H4 leader-count/);
  });
});

describe('bad input and bad arguments', () => {
  it('refuses a bad cell with file, line and field, exit 2, and writes nothing', async () => {
    const input = path.join(work, 'bad-input');
    await cp(DEMO, input, { recursive: true });
    const file = path.join(input, 'experts.csv');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[3] = lines[3]!.replace(/,(national|provincial|municipal|county),/, ',professor,');
    await writeFile(file, lines.join('\n'));
    const out = path.join(work, 'never');
    const term = capture();
    expect(await runCli(['solve', '--input', input, '--out', out], term)).toBe(2);
    expect(term.stderr.join('\n')).toMatch(/experts\.csv:4 \[level\]/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses --out equal to --input', async () => {
    const term = capture();
    expect(await runCli(['solve', '--input', DEMO, '--out', DEMO], term)).toBe(2);
    expect(term.stderr.join('\n')).toMatch(/--out must not be the --input folder/);
  });

  it('explains unknown commands and options, and shows help', async () => {
    let term = capture();
    expect(await runCli(['frobnicate'], term)).toBe(2);
    expect(term.stderr.join('\n')).toMatch(/unknown command "frobnicate"/);
    term = capture();
    expect(await runCli(['solve', '--input', DEMO, '--out', path.join(work, 'x'), '--solver', 'magic'], term)).toBe(2);
    expect(term.stderr.join('\n')).toMatch(/--solver must be one of auto, exact, scalable, highs/);
    term = capture();
    expect(await runCli(['solve', '--help'], term)).toBe(0);
    expect(term.stdout.join('\n')).toMatch(/Usage: advisory-groups solve/);
  });

  it('says plainly when the input folder does not exist', async () => {
    const term = capture();
    expect(await runCli(['validate', '--input', path.join(work, 'nowhere')], term)).toBe(2);
    expect(term.stderr.join('\n')).toMatch(/the input folder .*nowhere does not exist/);
  });
});

describe('advisory-groups validate and generate', () => {
  it('validates the demo and says every county has candidates', async () => {
    const term = capture();
    expect(await runCli(['validate', '--input', DEMO], term)).toBe(0);
    expect(term.stdout.join('\n')).toMatch(/valid: 12 counties/);
  });

  it('generates a preset that validates, the same for the same seed', async () => {
    const a = path.join(work, 'gen-a');
    const b = path.join(work, 'gen-b');
    expect(await runCli(['generate', '--preset', 'tiny', '--out', a, '--seed', '5'], capture())).toBe(0);
    expect(await runCli(['generate', '--preset', 'tiny', '--out', b, '--seed', '5'], capture())).toBe(0);
    for (const f of await readdir(a)) expect(await readFile(path.join(b, f), 'utf8')).toBe(await readFile(path.join(a, f), 'utf8'));
    expect(await runCli(['validate', '--input', a], capture())).toBe(0);
  });
});
