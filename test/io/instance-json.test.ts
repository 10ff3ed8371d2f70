import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceToJson, parseInstanceJson, readInstanceJson, readInstanceJsonOrThrow, writeInstanceJson } from '../../src/io/instance-json.js';
import { InputError } from '../../src/model/issues.js';
import { EXPECTED, tempDir } from './helpers.js';

describe('JSON instance', () => {
  it('writes deterministically and reads back equal', async () => {
    const path = join(await tempDir(), 'round.json');
    await writeInstanceJson(path, EXPECTED);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(instanceToJson(structuredClone(EXPECTED)));
    expect(text.startsWith('{\n  "counties": [\n    {\n      "id": "c1",')).toBe(true);
    const r = await readInstanceJson(path);
    expect(r.ok && r.instance).toEqual(EXPECTED);
    expect(await readInstanceJsonOrThrow(path)).toEqual(EXPECTED);
  });

  it('names the JSON file, the list, the entry (index + 2) and the key', () => {
    const data = JSON.parse(instanceToJson(EXPECTED)) as Record<string, Record<string, unknown>[]>;
    data.experts![3]!.level = 'chief';
    data.pins!.push({ countyId: 'c1', expertId: 'e9' });
    const r = parseInstanceJson(JSON.stringify(data), 'round.json');
    expect(!r.ok && r.issues.map((i) => `${i.file}:${i.line} ${i.field} ${i.code}`)).toEqual([
      'round.json#experts:5 level bad-value',
      'round.json#pins:3 expertId unknown-reference',
    ]);
  });

  it('reports a syntax error with its line, and a missing list', () => {
    const bad = parseInstanceJson('{\n  "counties": [\n    {,}\n  ]\n}', 'x.json');
    expect(!bad.ok && bad.issues[0]).toMatchObject({ code: 'unreadable-file', file: 'x.json', line: 3 });
    const noExperts = parseInstanceJson('{"counties": []}', 'x.json');
    expect(!noExperts.ok && noExperts.issues.map((i) => `${i.field} ${i.code}`)).toEqual(['experts missing-value']);
    expect(parseInstanceJson('[1]', 'x.json').ok).toBe(false);
  });

  it('applies the key-county option', () => {
    const data = JSON.parse(instanceToJson(EXPECTED)) as { counties: { keyCounty: boolean }[] };
    data.counties[1]!.keyCounty = true;
    const refused = parseInstanceJson(JSON.stringify(data), 'x.json');
    expect(!refused.ok && refused.issues[0]).toMatchObject({ code: 'key-county', file: 'x.json#counties', line: 3, field: 'keyCounty' });
    const skipped = parseInstanceJson(JSON.stringify(data), 'x.json', { keyCounties: 'skip' });
    expect(skipped.ok && skipped.instance.counties.map((c) => c.id)).toEqual(['c1']);
  });

  it('a missing file; the OrThrow variant throws InputError', async () => {
    const path = join(await tempDir(), 'none.json');
    const r = await readInstanceJson(path);
    expect(!r.ok && r.issues[0].code).toBe('missing-file');
    await writeFile(path, '{}');
    await expect(readInstanceJsonOrThrow(path)).rejects.toBeInstanceOf(InputError);
  });
});
