/**
 * The ranking under scarcity (成熟一批、匹配一批, `src/rules/priority.ts`):
 * each `priority` mode ranks counties into tiers as documented, and the
 * helpers every solver, the checker and the explainer share compare and
 * word those tiers.
 */
import { describe, expect, it } from 'vitest';
import type { OptionsInput } from '../../src/model/options.js';
import {
  compareStandings, compareTierCounts, hasPriorities, priorityTiers, rankWords, standingOf, tierOf, tiersProvenByTotal,
} from '../../src/rules/priority.js';
import { county, makeContext, makeInstance, type CountyIn } from '../helpers/instance.js';

function tiersOf(counties: CountyIn[], options: OptionsInput): string[][] {
  const ctx = makeContext(makeInstance({ counties }), options);
  return priorityTiers(ctx).tiers.map((t) => t.map((c) => c.id));
}

describe('priorityTiers', () => {
  const rows = [county('a', { priority: 2, batch: '二批' }), county('b', { batch: '一批' }), county('c', { priority: 0, batch: '二批' }), county('d', { priority: 2 })];

  it('column (default): smaller priority first, equal values share a tier, counties without one last', () => {
    expect(tiersOf(rows, {})).toEqual([['c'], ['a', 'd'], ['b']]);
    expect(tiersOf(rows, { priority: 'column' })).toEqual([['c'], ['a', 'd'], ['b']]);
  });

  it('column without any value: one tier (the soft score decides, as before priorities existed)', () => {
    expect(tiersOf([county('a'), county('b')], {})).toEqual([['a', 'b']]);
  });

  it('order: row order of counties.csv, every county its own tier', () => {
    expect(tiersOf(rows, { priority: 'order' })).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('batch: batches in order of first appearance, counties without a label last', () => {
    expect(tiersOf(rows, { priority: 'batch' })).toEqual([['a', 'c'], ['b'], ['d']]);
    expect(tiersOf([county('a'), county('b')], { priority: 'batch' })).toEqual([['a', 'b']]);
  });

  it('none: one tier whatever the columns say', () => {
    expect(tiersOf(rows, { priority: 'none' })).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('tierOf, hasPriorities and rankWords agree with the tiers', () => {
    const ctx = makeContext(makeInstance({ counties: rows }), {});
    expect(['a', 'b', 'c', 'd'].map((id) => tierOf(ctx, id))).toEqual([1, 2, 0, 1]);
    expect(hasPriorities(ctx)).toBe(true);
    expect(rankWords(ctx, ctx.countyById.get('a')!)).toBe('priority 2');
    expect(rankWords(ctx, ctx.countyById.get('b')!)).toBe('no priority given');
    const byOrder = makeContext(makeInstance({ counties: rows }), { priority: 'order' });
    expect(rankWords(byOrder, byOrder.countyById.get('c')!)).toBe('row 3 of counties.csv');
    const byBatch = makeContext(makeInstance({ counties: rows }), { priority: 'batch' });
    expect(rankWords(byBatch, byBatch.countyById.get('b')!)).toBe('batch 一批');
    expect(hasPriorities(makeContext(makeInstance({ counties: rows }), { priority: 'none' }))).toBe(false);
  });
});

describe('the order of results before the score', () => {
  it('compares tier counts lexicographically: one more county of an earlier tier beats any number of later ones', () => {
    expect(compareTierCounts([1, 0, 0], [0, 5, 5])).toBeGreaterThan(0);
    expect(compareTierCounts([2, 1], [2, 3])).toBeLessThan(0);
    expect(compareTierCounts([2, 3], [2, 3])).toBe(0);
  });

  it('pins come before every tier', () => {
    expect(compareStandings({ pinned: 1, tiers: [0, 0] }, { pinned: 0, tiers: [3, 3] })).toBeGreaterThan(0);
  });

  it('standingOf counts matched counties per tier and those with pins', () => {
    const ctx = makeContext(makeInstance({ counties: [county('a', { priority: 1 }), county('b', { priority: 2 }), county('c', { priority: 1 })] }), {});
    expect(standingOf(ctx, ['a', 'b', 'a'], (id) => id === 'b')).toEqual({ pinned: 1, tiers: [1, 1] });
  });

  it('a maximal total proves the tiers only when the counties left out share one tier and no later county is matched', () => {
    const ctx = makeContext(makeInstance({ counties: [county('a', { priority: 1 }), county('b', { priority: 2 }), county('c', { priority: 3 })] }), {});
    expect(tiersProvenByTotal(ctx, ['c'], ['a', 'b'])).toBe(true);
    // b left out while c (ranked after it) is matched: a result dropping c for b could be better.
    expect(tiersProvenByTotal(ctx, ['b'], ['a', 'c'])).toBe(false);
    expect(tiersProvenByTotal(ctx, ['a', 'b'], ['c'])).toBe(false);
    // One tier: the total is the whole order.
    const flat = makeContext(makeInstance({ counties: [county('a'), county('b')] }), {});
    expect(tiersProvenByTotal(flat, ['a'], ['b'])).toBe(true);
  });
});
