/**
 * The repair benchmark's core (bench/repair/), not timed: on the demo preset
 * every row is well formed, both answers pass the checker, and the repair's
 * change log names exactly the pairs that changed.
 */
import { describe, expect, it } from 'vitest';
import { diffGroups } from '../../bench/repair/diff.js';
import { renderRepairMarkdown } from '../../bench/repair/markdown.js';
import { measureInstance } from '../../bench/repair/measure.js';
import type { RepairBenchSettings, RepairRow } from '../../bench/repair/types.js';
import { pickWithdrawal } from '../../bench/repair/withdrawals.js';
import { machineInfo } from '../../bench/machine.js';

const SETTINGS: RepairBenchSettings = { presets: ['demo'], seeds: [1], withdraw: [1, 6], solver: 'scalable', timeLimit: 30, leaderShare: 0.1 };

describe('repair benchmark', () => {
  it('measures repair and re-solve on the demo preset: rows well formed, every check passes', async () => {
    const heard: RepairRow[] = [];
    const rows = await measureInstance('demo', 1, SETTINGS, (r) => heard.push(r));
    expect(heard).toEqual(rows);
    expect(rows.map((r) => r.k)).toEqual([1, 6]);
    for (const r of rows) {
      expect(r).toMatchObject({ preset: 'demo', seed: 1, counties: 12, withdrawn: r.k, note: '' });
      expect(r.original.matched).toBe(12);
      expect(r.leadersWithdrawn).toBeGreaterThanOrEqual(1);
      expect(r.loadAverage).toHaveLength(3);
      const { repair, resolve } = r;
      if (repair === null || resolve === null) throw new Error(`an answer is missing: ${r.note}`);
      expect(repair.violations).toBe(0);
      expect(resolve.violations).toBe(0);
      expect(repair.changeLogComplete).toBe(true);
      // Every group that lost a member changed; each withdrawn member (capacity 1) is at least one removed pair.
      expect(repair.groupsChanged).toBeGreaterThanOrEqual(repair.groupsHit);
      expect(repair.groupsHit).toBeGreaterThanOrEqual(1);
      expect(repair.membersChanged).toBeGreaterThanOrEqual(r.k);
      expect(repair.untouchedGroupsChanged).toBeLessThanOrEqual(repair.groupsChanged);
      for (const x of [repair, resolve]) {
        expect(x.seconds).toBeGreaterThan(0);
        expect(Number.isFinite(x.score)).toBe(true);
        expect(x.matched + x.countiesLost).toBeGreaterThanOrEqual(r.original.matched);
      }
      expect(r.timeRatio).toBeCloseTo(repair.seconds / resolve.seconds, 9);
    }
    const md = renderRepairMarkdown({ machine: machineInfo(), settings: SETTINGS, command: 'test', totalSeconds: 1, peakRssMB: 1, rows });
    expect(md).toContain('## demo — 12 counties');
    expect(md).toMatch(/\| 6 \| 1\/1 \|/);
  });

  it('draws the same experts for the same seed and k, leaders included', () => {
    const rows = [
      { countyId: 'a', expertId: 'L1', role: 'leader' as const }, { countyId: 'a', expertId: 'm1', role: 'member' as const }, { countyId: 'a', expertId: 'm2', role: 'local' as const },
      { countyId: 'b', expertId: 'L2', role: 'leader' as const }, { countyId: 'b', expertId: 'm3', role: 'east' as const }, { countyId: 'b', expertId: 'm4', role: 'member' as const },
    ];
    const one = pickWithdrawal(rows, 3, 7, 0.1);
    expect(pickWithdrawal(rows, 3, 7, 0.1)).toEqual(one);
    expect(one.ids).toHaveLength(3);
    expect(one.leaders).toBe(1);
    expect(one.ids.filter((id) => id.startsWith('L'))).toHaveLength(1);
    expect(pickWithdrawal(rows, 99, 7, 0.1).ids).toEqual(['L1', 'L2', 'm1', 'm2', 'm3', 'm4']);
  });

  it('counts changed groups, untouched ones, changed pairs and lost counties from the assignments alone', () => {
    const before = [
      { countyId: 'a', expertId: 'x', role: 'leader' as const }, { countyId: 'a', expertId: 'w', role: 'member' as const },
      { countyId: 'b', expertId: 'y', role: 'leader' as const }, { countyId: 'b', expertId: 'z', role: 'member' as const },
      { countyId: 'c', expertId: 'u', role: 'leader' as const }, { countyId: 'c', expertId: 'v', role: 'member' as const },
    ];
    // w withdraws from a; a takes z from b (a donor, untouched by the withdrawal); b takes q; c keeps its members but changes leader.
    const after = [
      { countyId: 'a', expertId: 'x', role: 'leader' as const }, { countyId: 'a', expertId: 'z', role: 'member' as const },
      { countyId: 'b', expertId: 'y', role: 'leader' as const }, { countyId: 'b', expertId: 'q', role: 'member' as const },
      { countyId: 'c', expertId: 'v', role: 'leader' as const }, { countyId: 'c', expertId: 'u', role: 'member' as const },
    ];
    const d = diffGroups(before, after, new Set(['w']));
    expect({ ...d, added: [...d.added].length, removed: [...d.removed].length }).toEqual({ groupsChanged: 3, untouchedGroupsChanged: 2, membersChanged: 4, countiesLost: 0, added: 2, removed: 2 });
    const lost = diffGroups(before, after.filter((a) => a.countyId !== 'a'), new Set(['w']));
    expect(lost.countiesLost).toBe(1);
  });
});
