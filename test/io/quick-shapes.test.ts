import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FULL_PARSE, parseCell, quickCell } from '../../src/io/cells.js';
import type { CellKind, EntityKind } from '../../src/io/headers.js';
import { QUICK_SHAPES } from '../../src/io/validate.js';
import { AffinitySchema, CountySchema, ExpertSchema, NeedSchema, PairingSchema, PinSchema, SkillSchema } from '../../src/model/schemas.js';
import { propertyParameters } from '../../src/testing.js';

const SCHEMAS: Record<EntityKind, z.ZodType> = {
  counties: CountySchema, needs: NeedSchema, experts: ExpertSchema, skills: SkillSchema,
  pairings: PairingSchema, affinities: AffinitySchema, pins: PinSchema,
};

const FIELDS: Record<EntityKind, readonly string[]> = {
  counties: ['id', 'name', 'province', 'prefecture', 'keyCounty', 'eastPartner', 'groupMin', 'groupMax', 'batch'],
  needs: ['countyId', 'industry', 'stage', 'weight', 'required'],
  experts: ['id', 'name', 'province', 'organization', 'orgType', 'level', 'homeCounty', 'capacity'],
  skills: ['expertId', 'industry', 'stage', 'proficiency'],
  pairings: ['eastProvince', 'westProvince', 'countyId'],
  affinities: ['countyId', 'expertId', 'score', 'veto'],
  pins: ['countyId', 'expertId', 'role'],
};

/** Values a field may hold: the right ones often, wrong ones now and then. */
const value = fc.oneof(
  { arbitrary: fc.constantFrom('c1', ' c1 ', '', ' ', '５１', 'national', 'county', 'university', 'leader', 'east', 'x'), weight: 6 },
  { arbitrary: fc.constantFrom(0, -0, 1, 2, 3, 4, 1.5, -1, 2 ** 31, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY), weight: 4 },
  { arbitrary: fc.boolean(), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom('浙江', ' 上海 ', '', 3 as unknown as string), { maxLength: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom(undefined, null, {}, new Date(0)), weight: 1 },
);

/** A valid row of each kind, which the generated rows start from. */
const BASE: Record<EntityKind, Record<string, unknown>> = {
  counties: { id: 'c1', province: '四川' },
  needs: { countyId: 'c1', industry: '茶叶', stage: 'production' },
  experts: { id: 'e1', province: '四川', level: 'national' },
  skills: { expertId: 'e1', industry: '茶叶', stage: '*' },
  pairings: { eastProvince: '浙江', westProvince: '四川' },
  affinities: { countyId: 'c1', expertId: 'e1' },
  pins: { countyId: 'c1', expertId: 'e1' },
};

function row(kind: EntityKind): fc.Arbitrary<Record<string, unknown>> {
  const fields = [...FIELDS[kind], 'extra'];
  return fc.tuple(fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 3 }), fc.boolean())
    .map(([changes, fromBase]) => (fromBase ? { ...BASE[kind], ...changes } : changes));
}

describe('QUICK_SHAPES', () => {
  for (const kind of Object.keys(SCHEMAS) as EntityKind[]) {
    it(`property (${kind}): a row the check accepts is one the schema accepts, with the very same output (keys in order)`, () => {
      let accepted = 0;
      fc.assert(fc.property(row(kind), (r) => {
        const quick = QUICK_SHAPES[kind](r);
        if (quick === undefined) return;
        accepted++;
        const zod = SCHEMAS[kind].safeParse(r);
        expect(zod.success).toBe(true);
        expect(quick).toStrictEqual(zod.data);
        expect(Object.keys(quick)).toEqual(Object.keys(zod.data as object));
        for (const [k, v] of Object.entries(quick)) if (typeof v === 'number') expect(Object.is(v, (zod.data as Record<string, unknown>)[k]), k).toBe(true);
      }), propertyParameters(1500));
      expect(accepted).toBeGreaterThan(0);
    });
  }

  it('accepts the common rows of a CSV round (the fast path is taken)', () => {
    expect(QUICK_SHAPES.experts({ id: 'E1', name: '李', province: '四川', organization: 'x', orgType: 'institute', level: 'county', homeCounty: '510221' })).toEqual(
      ExpertSchema.parse({ id: 'E1', name: '李', province: '四川', organization: 'x', orgType: 'institute', level: 'county', homeCounty: '510221' }),
    );
    expect(QUICK_SHAPES.skills({ expertId: 'E1', industry: '茶叶', stage: '*', proficiency: 3 })).toBeDefined();
    expect(QUICK_SHAPES.counties({ id: 'c', province: 'p', keyCounty: false })).toBeDefined();
  });
});

describe('quickCell', () => {
  const kinds: CellKind[] = ['id', 'text', 'boolean', 'number', 'list', 'level', 'org-type', 'stage', 'role'];
  const unit = fc.constantFrom('a', 'B', '1', '.', 'e', '-', ' ', '\t', '\u3000', '１', 'ｅ', '是', '否', '加工', '国家级', ';', '；', '、', '*', 'national', 'true', 'x', 'é', 'e\u0301', 'constructor');
  it('property: the value parseCell gives when it gives one without a note; FULL_PARSE otherwise', () => {
    fc.assert(fc.property(fc.constantFrom(...kinds), fc.string({ unit, maxLength: 6 }), (kind, text) => {
      const quick = quickCell(kind, text);
      const full = parseCell(kind, text);
      if (quick === FULL_PARSE) expect(!full.ok || full.note !== undefined).toBe(true);
      else expect(full).toStrictEqual({ ok: true, value: quick });
    }), propertyParameters(3000));
  });
});
