/**
 * East–West pairing rows (pairings.csv) for the generated counties: one
 * province-level row per paired western province present, and county-level
 * rows for 甘肃, whose counties are split between 天津 and 山东. 西藏 and
 * 新疆 (counterpart aid) and the central provinces get no row, hence no H6
 * quota.
 */
import type { Pairing } from '../model/schemas.js';
import type { CountyPlan } from './counties.js';
import { provinceByName } from './geography.js';

/** The pairing rows of these counties, province-level rows first, then county-level rows by county id. */
export function generatePairings(plans: readonly CountyPlan[]): Pairing[] {
  const provinceRows: Pairing[] = [];
  const countyRows: Pairing[] = [];
  const seen = new Set<string>();
  for (const { county, partners } of plans) {
    const provinceLevel = provinceByName(county.province).eastPartners;
    if (provinceLevel.length > 0) {
      if (seen.has(county.province)) continue;
      seen.add(county.province);
      for (const east of provinceLevel) provinceRows.push({ eastProvince: east, westProvince: county.province });
    } else {
      // A county with partners but none at province level is paired county by county (甘肃).
      for (const east of partners) countyRows.push({ eastProvince: east, westProvince: county.province, countyId: county.id });
    }
  }
  const key = (p: Pairing): string => `${p.westProvince}\u0000${p.eastProvince}\u0000${p.countyId ?? ''}`;
  provinceRows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  countyRows.sort((a, b) => ((a.countyId ?? '') < (b.countyId ?? '') ? -1 : (a.countyId ?? '') > (b.countyId ?? '') ? 1 : 0));
  return [...provinceRows, ...countyRows];
}
