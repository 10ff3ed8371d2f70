/**
 * Consent in the input (双向选择): the affinity.csv columns `county_consents`
 * (县方同意) and `expert_consents` (专家同意), and what validation says about
 * them. With consent required, a column no row states is a slip (the rule
 * would match nothing but pins), refused naming the file and column; a
 * pinned pair whose row says no contradicts the pin, refused naming the
 * file, line and field (a warning when consent is optional, where no rule
 * reads the columns); a repeated pair with other answers is a duplicate.
 */
import { describe, expect, it } from 'vitest';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { validateInstance } from '../../src/io/validate.js';
import { solve } from '../../src/solve/solve.js';
import { folder } from './helpers.js';

const affinity = (...rows: string[]): Record<string, string> => ({ 'affinity.csv': ['county_id,expert_id,score,veto,county_consents,expert_consents', ...rows].join('\n') + '\n' });

describe('reading the consent columns', () => {
  it('reads English and Chinese headers, and 是/否 cells; an empty cell is not stated', async () => {
    const en = await readInstanceDir(await folder(affinity('c1,e1,0.5,,true,yes', 'c2,e3,,,,no')));
    expect(en.ok).toBe(true);
    if (!en.ok) return;
    expect(en.instance.affinities).toEqual([
      { countyId: 'c1', expertId: 'e1', score: 0.5, veto: false, countyConsents: true, expertConsents: true },
      { countyId: 'c2', expertId: 'e3', score: 0, veto: false, expertConsents: false },
    ]);
    const zh = await readInstanceDir(await folder({ 'affinity.csv': '县代码,专家代码,分数,否决,县方同意,专家同意\nc1,e1,0.5,,是,否\n' }));
    expect(zh.ok).toBe(true);
    if (zh.ok) expect(zh.instance.affinities[0]).toMatchObject({ countyConsents: true, expertConsents: false });
  });
});

describe('validation with consent required', () => {
  it('refuses an affinity.csv without the consent columns, naming the file and column', async () => {
    const dir = await folder();
    expect((await readInstanceDir(dir)).ok).toBe(true);
    const r = await readInstanceDir(dir, { consent: 'required' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.file}:${i.line} ${i.field} ${i.code}`)).toEqual([
      'affinity.csv:0 county_consents missing-column',
      'affinity.csv:0 expert_consents missing-column',
    ]);
    expect(r.issues[0]!.message).toContain('consent is required');
    expect(r.issues[0]!.message).toContain('县方同意');
  });

  it('refuses one column stated nowhere (every pair would lack that side)', async () => {
    const r = await readInstanceDir(await folder(affinity('c1,e1,0.5,,true,', 'c2,e3,,,true,')), { consent: 'required' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.field} ${i.code}`)).toEqual(['expert_consents missing-column']);
  });

  it('refuses a missing affinity.csv too', async () => {
    const r = await readInstanceDir(await folder({ 'affinity.csv': null }), { consent: 'required' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toContain('has no rows');
  });

  it('a pinned pair whose row says no: refused (required) at the row and field, a warning (optional)', async () => {
    // BASE pins e1 as leader of c1 (pinned.csv:2).
    const dir = await folder(affinity('c1,e1,0.5,,true,false', 'c2,e3,,,true,true'));
    const required = await readInstanceDir(dir, { consent: 'required' });
    expect(required.ok).toBe(false);
    if (!required.ok) {
      expect(required.issues).toEqual([expect.objectContaining({ code: 'inconsistent-pin', file: 'affinity.csv', line: 2, field: 'expert_consents', value: 'false' })]);
      expect(required.issues[0]!.message).toContain('pinned.csv:2');
    }
    const optional = await readInstanceDir(dir);
    expect(optional.ok).toBe(true);
    if (optional.ok) expect(optional.warnings).toEqual([expect.objectContaining({ code: 'inconsistent-pin', file: 'affinity.csv', line: 2, field: 'expert_consents' })]);
  });

  it('a pinned pair without a consent row is fine: the pin is the consent', async () => {
    const r = await readInstanceDir(await folder(affinity('c2,e3,,,true,true')), { consent: 'required' });
    expect(r.ok).toBe(true);
  });

  it('a pair repeated with other answers is a duplicate; repeated with the same answers, counted once', async () => {
    const conflict = await readInstanceDir(await folder(affinity('c1,e1,0.5,,true,true', 'c2,e3,,,true,true', 'c2,e3,,,true,false')));
    expect(conflict.ok).toBe(false);
    if (!conflict.ok) {
      expect(conflict.issues.map((i) => `${i.file}:${i.line} ${i.code}`)).toEqual(['affinity.csv:4 duplicate-id']);
      // The message names the cell to reconcile.
      expect(conflict.issues[0]!.message).toContain('they differ in expert_consents');
    }
    const same = await readInstanceDir(await folder(affinity('c1,e1,0.5,,true,true', 'c2,e3,,,true,是', 'c2,e3,,,yes,true')));
    expect(same.ok).toBe(true);
    if (same.ok) expect(same.warnings.map((w) => w.code)).toEqual(['duplicate-row']);
  });

  it('solve() re-validates an instance judged without consent, and refuses it', async () => {
    const r = await readInstanceDir(await folder());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const result = await solve(r.instance, { consent: 'required', solver: 'exact' });
    expect(result.status).toBe('invalid');
    if (result.status === 'invalid') expect(result.issues.map((i) => i.code)).toEqual(['missing-column', 'missing-column']);
    // The same instance under the default is judged as before.
    expect(validateInstance(r.instance).issues).toEqual([]);
  });
});
