/**
 * Hostile input through `readInstanceDir`, on real temporary folders: every
 * case must end in a valid instance or in clear issues (known code, file,
 * line, field, message), never a crash or a hang (each case runs under a
 * timeout). Properties use `propertyParameters` (fixed seed; `PROPS_RUNS`
 * raises the counts).
 */
import fc from 'fast-check';
import { symlink, writeFile, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadInstanceResult } from '../../src/io/read-instance.js';
import { generateInstance } from '../../src/generate/index.js';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { instanceToCsv } from '../../src/io/write-instance.js';
import { INPUT_FILES } from '../../src/io/headers.js';
import { isLongPropertyRun, propertyParameters, writeCsvFolder } from '../../src/testing.js';
import { encodeGbk } from './gbk.js';
import { FILE_LEVEL_CODES, expectClearOutcome, removeDir, tally, tempDir, validFiles, withinMs } from './helpers.js';

/** Per-property timeout: long runs (`PROPS_RUNS` > 100) get hours. */
const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 120_000;

/** Time one small folder may take to read. */
const CASE_MS = 10_000;
const BASE = validFiles();
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

async function readFolder(files: Readonly<Record<string, string | Uint8Array>>): Promise<Awaited<ReturnType<typeof readInstanceDir>>> {
  const dir = await tempDir();
  try {
    await writeCsvFolder(dir, files);
    return await withinMs(CASE_MS, 'readInstanceDir', readInstanceDir(dir));
  } finally {
    await removeDir(dir);
  }
}

const fileName = fc.constantFrom(...INPUT_FILES);
const outcomes = { bytes: tally(), text: tally(), mutate: tally(), truncate: tally(), halves: tally() };
afterAll(() => {
  outcomes.bytes.print('random bytes');
  outcomes.text.print('random CSV text');
  outcomes.mutate.print('mutated valid files');
  outcomes.truncate.print('truncated files');
  outcomes.halves.print('half UTF-8, half GBK');
});

describe('random and damaged files', () => {
  it('random bytes in one file', async () => {
    await fc.assert(fc.asyncProperty(fileName, fc.uint8Array({ maxLength: 4096 }), async (file, bytes) => {
      const files = { ...BASE, [file]: bytes };
      outcomes.bytes.add(expectClearOutcome(await readFolder(files), files));
    }), propertyParameters(60));
  }, TIMEOUT);

  it('random text over the CSV alphabet (quotes, separators, line ends, BOM, NUL, Chinese) in one file', async () => {
    const unit = fc.constantFrom(',', '"', '\n', '\r', '\r\n', '\uFEFF', '\0', ';', '=', '张', ' ', 'a', '1', 'county_id', 'expert_id', '\t');
    await fc.assert(fc.asyncProperty(fileName, fc.string({ unit, maxLength: 400 }), async (file, text) => {
      const files = { ...BASE, [file]: text };
      outcomes.text.add(expectClearOutcome(await readFolder(files), files));
    }), propertyParameters(60));
  }, TIMEOUT);

  it('valid files mutated at random places (insert, delete, replace)', async () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat(3),
      insert: fc.string({ unit: fc.constantFrom(',', '"', '""', '\n', '\r', '\0', '\uFEFF', ';', '=', '-', '张', ' ', 'x', '9', '*'), maxLength: 3 }),
    });
    await fc.assert(fc.asyncProperty(fileName, fc.array(edit, { minLength: 1, maxLength: 5 }), async (file, edits) => {
      let text = BASE[file] ?? '';
      for (const e of edits) {
        const at = text.length === 0 ? 0 : e.at % text.length;
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      }
      const files = { ...BASE, [file]: text };
      outcomes.mutate.add(expectClearOutcome(await readFolder(files), files));
    }), propertyParameters(100));
  }, TIMEOUT);

  it('files truncated at any byte (also inside a multi-byte character or a quoted cell)', async () => {
    await fc.assert(fc.asyncProperty(fileName, fc.nat(), async (file, cut) => {
      const bytes = utf8(BASE[file] ?? '');
      const files = { ...BASE, [file]: bytes.subarray(0, bytes.length === 0 ? 0 : cut % bytes.length) };
      outcomes.truncate.add(expectClearOutcome(await readFolder(files), files));
    }), propertyParameters(60));
  }, TIMEOUT);

  it('an empty file and a file of only blank lines: the header is missing', async () => {
    for (const text of ['', '\n\n\r\n', ',,,\n,,\n']) {
      const r = await readFolder({ ...BASE, 'experts.csv': text });
      expect(expectClearOutcome(r)).toBe('missing-column');
    }
  });
});

describe('encodings', () => {
  it('a UTF-8 file and a GBK file in one folder read to the same instance', async () => {
    const instance = generateInstance('tiny', 1);
    const files = instanceToCsv(instance);
    const r = await readFolder({ ...files, 'counties.csv': encodeGbk(files['counties.csv']), 'experts.csv': encodeGbk(files['experts.csv'].replace(/\n/g, '\r\n')) });
    expect(expectClearOutcome(r)).toBe('ok');
    if (r.ok) expect(r.instance).toEqual(instance);
  });

  it('a file half UTF-8, half GBK is refused with an encoding issue naming it', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const files = validFiles(seed);
      for (const file of ['counties.csv', 'experts.csv'] as const) {
        const lines = (files[file] ?? '').split('\n');
        const half = Math.ceil(lines.length / 2);
        const bytes = Buffer.concat([utf8(lines.slice(0, half).join('\n') + '\n'), encodeGbk(lines.slice(half).join('\n'))]);
        const r = await readFolder({ ...files, [file]: bytes });
        outcomes.halves.add(expectClearOutcome(r));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues).toContainEqual(expect.objectContaining({ code: 'encoding', file }));
      }
    }
  });

  it('UTF-16 ("Unicode text") is refused with an encoding issue', async () => {
    const text = BASE['counties.csv'] ?? '';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = await readFolder({ ...BASE, 'counties.csv': bytes });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'encoding', file: 'counties.csv', line: 0 });
  });

  it('a BOM, CRLF or lone-CR line ends, and a second BOM inside the text', async () => {
    const instance = generateInstance('tiny', 2);
    const files = instanceToCsv(instance);
    for (const variant of [
      (t: string) => `\uFEFF${t}`,
      (t: string) => t.replace(/\n/g, '\r\n'),
      (t: string) => t.replace(/\n/g, '\r'),
    ]) {
      const r = await readFolder(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, variant(v)])));
      expect(expectClearOutcome(r)).toBe('ok');
      if (r.ok) expect(r.instance).toEqual(instance);
    }
    const r = await readFolder({ ...files, 'needs.csv': files['needs.csv'].replace('\n', '\n\uFEFF') });
    expectClearOutcome(r);
  });
});

describe('awkward cells', () => {
  it('a 1 MB cell (a name, an organization, an id) is read whole, quickly', async () => {
    const instance = generateInstance('tiny', 3);
    const big = '长'.repeat(1 << 20);
    const withBig = {
      ...instance,
      experts: instance.experts.map((e, i) => (i === 0 ? { ...e, name: big, organization: `"${big}",\n` } : e)),
    };
    const started = Date.now();
    const r = await readFolder(instanceToCsv(withBig));
    expect(expectClearOutcome(r)).toBe('ok');
    if (r.ok) expect(r.instance).toEqual(withBig);
    const bigId = `C${'9'.repeat(1 << 20)}`;
    const renamed = JSON.parse(JSON.stringify(instance).split(`"${instance.counties[0]!.id}"`).join(JSON.stringify(bigId))) as typeof instance;
    const r2 = await readFolder(instanceToCsv(renamed));
    expect(expectClearOutcome(r2)).toBe('ok');
    if (r2.ok) expect(r2.instance.counties[0]!.id.length).toBe(bigId.length);
    expect(Date.now() - started).toBeLessThan(CASE_MS);
  });

  it('a 1 MB header cell and a 1 MB unquoted line are reported, not choked on', async () => {
    const r = await readFolder({ ...BASE, 'needs.csv': `${'x'.repeat(1 << 20)}\n` });
    expect(expectClearOutcome(r)).toBe('missing-column');
    const r2 = await readFolder({ ...BASE, 'skills.csv': `${BASE['skills.csv']}${'y,'.repeat(1 << 19)}\n` });
    expect(expectClearOutcome(r2)).toBe('bad-row');
  });

  it('embedded quotes, commas and line breaks in cells round-trip, and later lines keep their numbers', async () => {
    const instance = generateInstance('tiny', 4);
    const odd = { ...instance, experts: instance.experts.map((e, i) => (i === 1 ? { ...e, name: 'a "quoted" name,\nwith a line break\r\nand "more"' } : e)) };
    const files = instanceToCsv(odd);
    const r = await readFolder(files);
    expect(expectClearOutcome(r)).toBe('ok');
    if (r.ok) expect(r.instance).toEqual(odd);
    // A bad level on the 5th expert: the record starts on line 6 + 2 (the name above spans 3 lines).
    const lines = files['experts.csv'].split('\n');
    const at = lines.findIndex((l) => l.startsWith(`${odd.experts[4]!.id},`));
    expect(at + 1).toBe(8);
    lines[at] = lines[at]!.replace(/,(national|provincial|municipal|county),/, ',professor,');
    const bad = await readFolder({ ...files, 'experts.csv': lines.join('\n') });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues).toEqual([expect.objectContaining({ code: 'bad-value', file: 'experts.csv', line: 8, field: 'level' })]);
  });

  it('an unbalanced quote gives a bad-row issue at its line', async () => {
    const lines = (BASE['experts.csv'] ?? '').split('\n');
    lines[2] = lines[2]!.replace(',', ',"');
    const r = await readFolder({ ...BASE, 'experts.csv': lines.join('\n') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ code: 'bad-row', file: 'experts.csv', line: 3 })]);
  });

  // Regression test of a fixed bug: the bad-row message embedded fast-csv's message, which quotes the
  // whole rest of the file (5 MB for an unclosed quote near the top of a 100,000-row file).
  it('regression: an unbalanced quote\'s message stays short', async () => {
    const lines = (BASE['experts.csv'] ?? '').split('\n');
    lines[2] = lines[2]!.replace(',', ',"');
    const r = await readFolder({ ...BASE, 'experts.csv': lines.join('\n') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message.length).toBeLessThan(500);
  });

  it('NUL bytes: inside a cell, and a file of nothing else', async () => {
    const instance = generateInstance('tiny', 5);
    const withNul = { ...instance, experts: instance.experts.map((e, i) => (i === 0 ? { ...e, name: 'a\0b', organization: '\0' } : e)) };
    const r = await readFolder(instanceToCsv(withNul));
    expect(expectClearOutcome(r)).toBe('ok');
    if (r.ok) expect(r.instance.experts[0]!.name).toBe('a\0b');
    const r2 = await readFolder({ ...BASE, 'counties.csv': new Uint8Array(10_000) });
    expect(expectClearOutcome(r2)).toBe('missing-column');
    const r3 = await readFolder({ ...BASE, 'pairings.csv': `${BASE['pairings.csv']}\0\0\0,\0\n` });
    expectClearOutcome(r3);
  });
});

describe('folder entries that are not files', () => {
  it('a folder, a named pipe, a link to /dev/zero, a link loop: unreadable-file, at once', async () => {
    const dir = await tempDir();
    await writeCsvFolder(dir, { ...BASE, 'experts.csv': '' });
    const target = join(dir, 'experts.csv');
    const cases: [string, () => Promise<void>][] = [
      ['a folder', async () => { await removeDir(target); await mkdir(target); }],
      ['a link to /dev/zero', async () => { await removeDir(target); await symlink('/dev/zero', target); }],
      ['a link loop', async () => { await removeDir(target); await symlink(target, target); }],
    ];
    if (process.platform !== 'win32') cases.push(['a named pipe', async () => { await removeDir(target); execFileSync('mkfifo', [target]); }]);
    for (const [what, make] of cases) {
      await make();
      const r = await withinMs(5_000, `reading ${what}`, readInstanceDir(dir));
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.issues, what).toEqual([expect.objectContaining({ code: 'unreadable-file', file: 'experts.csv', line: 0 })]);
    }
    await removeDir(target);
    await writeFile(target, BASE['experts.csv'] ?? '');
    expect((await readInstanceDir(dir)).ok).toBe(true);
  });
});

describe('the clear-outcome check can fail (issue #9 F)', () => {
  const refused = (issue: Partial<{ code: string; file: string; line: number; field: string }>): ReadInstanceResult =>
    ({ ok: false, issues: [{ code: 'bad-value', file: 'experts.csv', line: 3, field: 'level', message: 'level is bad', ...issue }] }) as ReadInstanceResult;

  it('refuses a row defect without a line or without a field, and a line beyond the file', () => {
    expect(() => expectClearOutcome(refused({}))).not.toThrow();
    expect(() => expectClearOutcome(refused({ line: 0 }))).toThrow();
    expect(() => expectClearOutcome(refused({ field: '' }))).toThrow();
    expect(() => expectClearOutcome(refused({ code: 'duplicate-id', file: 'counties.csv', field: '' }))).toThrow();
    expect(() => expectClearOutcome(refused({ line: 9 }), { 'experts.csv': 'a\nb\nc\n' })).toThrow();
    // The whole row is the defect: a need repeated with other values, a row that does not split into cells.
    expect(() => expectClearOutcome(refused({ code: 'duplicate-id', file: 'needs.csv', field: '' }))).not.toThrow();
    expect(() => expectClearOutcome(refused({ code: 'bad-row', field: '' }))).not.toThrow();
  });

  it('file-level defects (missing file, unreadable file, encoding) are at line 0 with no field, and only they', async () => {
    expect([...FILE_LEVEL_CODES].sort()).toEqual(['encoding', 'missing-file', 'unreadable-file']);
    for (const code of FILE_LEVEL_CODES) {
      expect(() => expectClearOutcome(refused({ code, line: 0, field: '' }))).not.toThrow();
      expect(() => expectClearOutcome(refused({ code, line: 2, field: '' }))).toThrow();
    }
    const { 'skills.csv': _skills, ...withoutSkills } = BASE;
    const missing = await readFolder(withoutSkills);
    expect(expectClearOutcome(missing)).toBe('missing-file');
    const utf16 = await readFolder({ ...BASE, 'counties.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASE['counties.csv'] ?? '', 'utf16le')]) });
    expect(expectClearOutcome(utf16)).toBe('encoding');
  });
});
