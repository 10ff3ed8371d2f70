/**
 * The flags of the objective and rule options (--target-size,
 * --wildcard-factor, --leader-skill, --leader-counts-east, --lead-once,
 * --affinity-scale, --priority, --consent) and `solve --options FILE`: they
 * parse into options with clear errors, a solve records them, and `check`
 * needs the same ones.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/main.js';
import { parseAffinityScale, roundFlagOptions } from '../../src/cli/round-flags.js';
import { capture } from '../helpers/terminal.js';

const DEMO = path.resolve('examples/demo');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-flags-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('round flags', () => {
  it('parse into options; absent flags set nothing', () => {
    expect(roundFlagOptions({})).toEqual({});
    expect(roundFlagOptions({
      'target-size': '9', 'wildcard-factor': '0.25', 'leader-skill': 'required', 'leader-counts-east': true, 'lead-once': true,
      'affinity-scale': '1:5', priority: 'order', consent: 'required',
    })).toEqual({ targetSize: 9, wildcardFactor: 0.25, leaderSkill: 'required', leaderCountsEast: true, leadOnce: true, affinityScale: { min: 1, max: 5 }, priority: 'order', consent: 'required' });
    expect(parseAffinityScale('-2:0.5')).toEqual({ min: -2, max: 0.5 });
  });

  it('refuse bad values with a message naming the flag and what it takes', () => {
    const bad = (values: Record<string, unknown>, message: RegExp): void => {
      expect(() => roundFlagOptions(values)).toThrow(UsageError);
      expect(() => roundFlagOptions(values)).toThrow(message);
    };
    bad({ 'target-size': '0' }, /--target-size must be a whole number of at least 1, not "0"/);
    bad({ 'target-size': '9.5' }, /--target-size must be a whole number/);
    bad({ 'wildcard-factor': '1.5' }, /--wildcard-factor must be a number between 0 and 1/);
    bad({ 'leader-skill': 'must' }, /--leader-skill must be one of preferred, required, not "must"/);
    bad({ priority: 'first' }, /--priority must be one of column, order, batch, none/);
    bad({ consent: 'yes' }, /--consent must be one of optional, required/);
    bad({ 'affinity-scale': '100' }, /--affinity-scale must be MIN:MAX, two numbers such as 0:100 or 1:5, not "100"/);
    bad({ 'affinity-scale': 'a:b' }, /--affinity-scale must be MIN:MAX/);
    bad({ 'affinity-scale': '5:1' }, /--affinity-scale MIN:MAX needs MAX larger than MIN, not "5:1"/);
  });

  it('a bad flag on the command line exits 2 before anything is written', async () => {
    const term = capture();
    const out = path.join(work, 'never');
    expect(await runCli(['solve', '--input', DEMO, '--out', out, '--affinity-scale', '3:3'], term)).toBe(2);
    expect(term.stderr.join('\n')).toMatch(/--affinity-scale MIN:MAX needs MAX larger than MIN/);
    expect(term.stderr.join('\n')).toMatch(/Usage: advisory-groups solve/);
  });

  it('solve records them (and weights from --options FILE) in summary.json; check holds the result to them', async () => {
    const optionsFile = path.join(work, 'options.json');
    await writeFile(optionsFile, JSON.stringify({ weights: { size: 8 } }));
    const out = path.join(work, 'flagged');
    const flags = ['--target-size', '9', '--lead-once', '--leader-skill', 'required'];
    const term = capture();
    expect(await runCli(['solve', '--input', DEMO, '--out', out, '--solver', 'exact', '--options', optionsFile, ...flags], term)).toBe(0);
    expect(term.stdout.join('\n')).toMatch(/sizes {6}9–9 members, mean 9\.00 \(target 9\)/);
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as { options: Record<string, unknown>; groupSizes: unknown };
    expect(summary.options).toMatchObject({ targetSize: 9, leadOnce: true, leaderSkill: 'required', weights: expect.objectContaining({ size: 8 }) });
    expect(summary.groupSizes).toEqual({ min: 9, mean: 9, max: 9 });

    const plain = capture();
    expect(await runCli(['check', '--input', DEMO, '--result', out], plain)).toBe(3);
    expect(plain.stderr.join('\n')).toMatch(/options-differ .*targetSize/);
    const same = capture();
    expect(await runCli(['check', '--input', DEMO, '--result', out, '--options', optionsFile, ...flags], same)).toBe(0);
    expect(same.stdout.join('\n')).toMatch(/valid: 12 groups/);
  });

  it('a bad options file is refused with exit 2, naming the file and the option', async () => {
    const optionsFile = path.join(work, 'bad.json');
    await writeFile(optionsFile, JSON.stringify({ weights: { sise: 8 } }));
    const term = capture();
    expect(await runCli(['solve', '--input', DEMO, '--out', path.join(work, 'bad-out'), '--options', optionsFile], term)).toBe(2);
    expect(term.stderr.join('\n')).toMatch(/weights\.sise is not an option/);
  });
});
