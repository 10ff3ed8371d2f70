/** Keys as validation reads them (issue #9 E3): normalization, control characters, formula-looking keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlCharacterOf, looksLikeFormula, normalizeKey, normalizeKeys } from '../../src/io/ids.js';
import { DEFAULT_PROPERTY_SEED } from '../../src/testing.js';

describe('normalizeKeys', () => {
  it('gives what normalizeKey gives and finds every control character, whatever the text (its fast path changes nothing)', () => {
    const unit = fc.constantFrom('c', '1', ' ', '\u3000', '５', 'ｃ', '四', '川', '\uF900', '\u0000', '\t', '\n', '\u007f', '\u0085', '=', '*', '＊', 'é', 'e\u0301');
    fc.assert(fc.property(fc.string({ unit, maxLength: 8 }), fc.array(fc.string({ unit, maxLength: 4 }), { maxLength: 3 }), (id, partners) => {
      const row = { id, province: '四川', eastPartner: partners };
      const out = normalizeKeys('counties', row);
      expect(out.row['id']).toBe(normalizeKey(id));
      expect(out.row['eastPartner']).toEqual(partners.map(normalizeKey));
      expect(out.control?.get('id')).toBe(controlCharacterOf(id));
      expect(out.control?.has('eastPartner') ?? false).toBe(partners.some((p) => controlCharacterOf(p) !== undefined));
      expect(row.id).toBe(id); // the caller's row is never changed
    }), { seed: DEFAULT_PROPERTY_SEED, numRuns: 500 });
  });

  it('full width is ASCII, a full-width wildcard is the wildcard, and only = + - @ look like formulas', () => {
    expect(normalizeKey(' ５１０２２１\u3000')).toBe('510221');
    expect(normalizeKey('＊')).toBe('*');
    expect(controlCharacterOf('a\u0000b')).toBe('U+0000');
    expect(['=a', '+a', '-a', '@a', 'a=', "'=a"].map(looksLikeFormula)).toEqual([true, true, true, true, false, false]);
  });
});
