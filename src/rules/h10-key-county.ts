/**
 * H10: the plan covers poverty-alleviated counties outside the 160 national
 * key assistance counties (国家乡村振兴重点帮扶县). A county flagged
 * `key_county` is refused at validation, or skipped with a warning when the
 * option `keyCounties` is `skip`. An input rule: it never reaches a solver.
 */
import type { County } from '../model/schemas.js';

/** The policy wording of H10. */
export const H10_POLICY = '国家乡村振兴重点帮扶县以外的脱贫县';

/** The message for a key county, naming the county and the fix. */
export function keyCountyMessage(county: Pick<County, 'id' | 'name'>, skipped: boolean): string {
  const who = county.name ? `${county.id} ${county.name}` : county.id;
  return skipped
    ? `county ${who} is a national key assistance county (国家乡村振兴重点帮扶县), outside this plan (H10): skipped`
    : `county ${who} is a national key assistance county (国家乡村振兴重点帮扶县), outside this plan (H10); remove it, or run with key counties skipped`;
}

/** True when the county is refused or skipped by H10. */
export function isKeyCounty(county: Pick<County, 'keyCounty'>): boolean {
  return county.keyCounty;
}
