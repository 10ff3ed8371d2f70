/** The distance rule that tells a misspelled header from an extra column (issue #9 E1; README "Data contract"). */
import { describe, expect, it } from 'vitest';
import { allowedSlips, closeColumns, editDistance } from '../../src/io/header-misspelling.js';
import { COLUMNS } from '../../src/io/headers.js';

describe('header misspellings', () => {
  it('the distance rule: 1 edit for names of 3–7 characters, 2 for 8 or more, exact for 1–2', () => {
    expect(editDistance('capcity', 'capacity')).toBe(1);
    expect(editDistance('rloe', 'role')).toBe(1);
    expect(editDistance('性别', '级别')).toBe(1);
    const names = (header: string): string[] => closeColumns(COLUMNS['experts.csv'], header, new Set()).map((c) => c.column);
    expect(names('levle')).toEqual(['level']);
    expect(names('orgnaisation')).toEqual(['organization']);
    expect(names('性别')).toEqual([]); // 级别 has 2 characters: exact only
    expect(names('remarks')).toEqual([]);
    expect(names('levels')).toEqual(['level']);
    expect(closeColumns(COLUMNS['experts.csv'], 'levels', new Set(['level']))).toEqual([]);
  });

  it('counts a swap of neighbours as one edit, and stops early beyond the limit', () => {
    expect(editDistance('vetoo', 'veto')).toBe(1);
    expect(editDistance('abcd', 'badc')).toBe(2);
    expect(editDistance('熟练程序', '熟练程度')).toBe(1);
    expect(editDistance('remarks', 'name', 1)).toBe(2);
    expect([1, 2, 3, 7, 8, 20].map(allowedSlips)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
