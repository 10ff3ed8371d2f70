import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstanceJson, instanceToJson } from '../../src/io/instance-json.js';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { validateInstance } from '../../src/io/validate.js';
import { instanceToCsv, writeInstanceDir } from '../../src/io/write-instance.js';
import { instanceArb } from './arbitraries.js';
import { BASE, EXPECTED, tempDir } from './helpers.js';

describe('writeInstanceDir', () => {
  it('writes English headers, true/false, ;-lists, empty optional cells, \\n line ends', () => {
    const texts = instanceToCsv(EXPECTED);
    expect(texts['counties.csv']).toBe([
      'county_id,name,province,prefecture,key_county,east_partner,group_min,group_max,batch,priority,convenor,liaison',
      'c1,甲县,四川,凉山,false,,,,,,,',
      'c2,乙县,甘肃,陇南,false,山东,6,10,1,,,',
    ].join('\n') + '\n');
    expect(texts['experts.csv']).toBe(BASE['experts.csv']);
    expect(texts['affinity.csv']).toBe('county_id,expert_id,score,veto,county_consents,expert_consents\nc1,e1,0.5,false,,\nc2,e2,0,true,,\n');
    expect(texts['pinned.csv']).toBe(BASE['pinned.csv']);
  });

  it('quotes cells with commas, quotes, newlines and edge spaces', () => {
    const x = structuredClone(EXPECTED);
    x.experts[0]!.name = ' a,"b"\nc';
    expect(instanceToCsv(x)['experts.csv'].split('\n')[1]).toBe('e1," a,""b""');
  });

  it('writes all seven files, affinity.csv and pinned.csv even when empty', async () => {
    const dir = join(await tempDir(), 'new', 'folder');
    await writeInstanceDir(dir, { ...EXPECTED, affinities: [], pins: [] });
    expect(await readFile(join(dir, 'pinned.csv'), 'utf8')).toBe('county_id,expert_id,role\n');
    const r = await readInstanceDir(dir);
    expect(r.ok && r.instance).toEqual({ ...EXPECTED, affinities: [], pins: [] });
  });

  it('round trip: readInstanceDir(writeInstanceDir(x)) equals x, and the JSON form too', async () => {
    const dir = await tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(instanceArb, async (x) => {
        expect(validateInstance(x).issues).toEqual([]);
        const sub = join(dir, String(n++));
        await writeInstanceDir(sub, x);
        const r = await readInstanceDir(sub);
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        expect(r.instance).toEqual(x);
        // Deterministic: writing what was read gives the same bytes.
        expect(instanceToCsv(r.instance)).toEqual(instanceToCsv(x));
        const j = parseInstanceJson(instanceToJson(x), 'x.json');
        expect(j.ok && j.instance).toEqual(x);
      }),
      { numRuns: 25, seed: 20240501 },
    );
  });
});
