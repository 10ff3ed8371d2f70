/**
 * Issue 9, E6: `repair --withdraw` of a pinned expert wrote no pins, so the
 * repaired folder failed `check` (H9: the input's pinned.csv still pins the
 * expert who left). The repaired set now holds pinned.csv — the input's
 * pins without the withdrawn experts' — which `readResultDir` returns as
 * `pinned` and `check` judges H9 against. A repair of a repaired result
 * starts from the pins that result records.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance } from '../../src/generate/index.js';
import { readResultDir } from '../../src/io/read-results.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import type { Assignment, Instance } from '../../src/model/schemas.js';
import { tempDir } from './helpers.js';

function capture(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), status: () => {} };
}

async function cli(argv: string[]): Promise<{ code: number; text: string }> {
  const term = capture();
  const code = await runCli(argv, term);
  return { code, text: term.lines.join('\n') };
}

let root: string;
let input: string;
let solved: string;
let instance: Instance;
/** Two pinned members of different counties. */
let pins: Assignment[];

beforeAll(async () => {
  root = await tempDir();
  input = join(root, 'in');
  instance = generateInstance('tiny', 4);
  await writeInstanceDir(input, instance);
  const first = join(root, 'first');
  expect((await cli(['solve', '--input', input, '--out', first, '--solver', 'exact'])).code).toBe(0);
  const r = await readResultDir(first);
  if (!r.ok) throw new Error('unreadable');
  const members = r.assignments.filter((a) => a.role === 'member' || a.role === 'east');
  pins = [members[0]!, members.find((m) => m.countyId !== members[0]!.countyId)!];
  instance.pins = pins.map((p) => ({ countyId: p.countyId, expertId: p.expertId }));
  await writeInstanceDir(input, instance);
  solved = join(root, 'solved');
  const s = await cli(['solve', '--input', input, '--out', solved, '--solver', 'exact']);
  expect(s.code, s.text).toBe(0);
}, 120_000);

describe('repair --withdraw of a pinned expert (E6)', () => {
  it('writes pinned.csv without the withdrawn expert\'s pin; readResultDir returns it; check passes', async () => {
    const out = join(root, 'repaired');
    const rep = await cli(['repair', '--input', input, '--result', solved, '--withdraw', pins[0]!.expertId, '--out', out]);
    expect(rep.code, rep.text).toBe(0);
    expect(await readFile(join(out, 'pinned.csv'), 'utf8')).toBe(`county_id,expert_id,role\n${pins[1]!.countyId},${pins[1]!.expertId},\n`);
    const r = await readResultDir(out);
    expect(r.ok && r.pinned).toEqual([{ countyId: pins[1]!.countyId, expertId: pins[1]!.expertId }]);
    if (r.ok) expect(r.assignments.some((a) => a.expertId === pins[0]!.expertId)).toBe(false);
    const checked = await cli(['check', '--input', input, '--result', out]);
    expect(checked.code, checked.text).toBe(0);
  });

  it('a repair of the repaired result starts from its pins, and passes check too', async () => {
    const once = join(root, 'once');
    const twice = join(root, 'twice');
    expect((await cli(['repair', '--input', input, '--result', solved, '--withdraw', pins[0]!.expertId, '--out', once])).code).toBe(0);
    const rep = await cli(['repair', '--input', input, '--result', once, '--withdraw', pins[1]!.expertId, '--out', twice]);
    expect(rep.code, rep.text).toBe(0);
    const r = await readResultDir(twice);
    expect(r.ok && r.pinned).toEqual([]);
    const checked = await cli(['check', '--input', input, '--result', twice]);
    expect(checked.code, checked.text).toBe(0);
  });
});
