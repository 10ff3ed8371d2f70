/**
 * S4 and S4b 汇聚各方力量: a penalty per member beyond `maxSameOrganization`
 * from one organization, and `orgTypes` points per distinct organization type
 * (全国学会、企业科协、高校科协、科协组织、农技协、科研单位) among the members.
 */
import type { Expert } from '../model/schemas.js';

/** Members beyond the limit from each organization, summed (S4). Empty organization names do not count as one organization. */
export function organizationExcess(members: readonly Pick<Expert, 'organization'>[], limit: number): number {
  const counts = new Map<string, number>();
  for (const e of members) if (e.organization) counts.set(e.organization, (counts.get(e.organization) ?? 0) + 1);
  let excess = 0;
  for (const n of counts.values()) excess += Math.max(0, n - limit);
  return excess;
}

/** The distinct organization types among the members (S4b); members without a type add none. */
export function distinctOrgTypes(members: readonly Pick<Expert, 'orgType'>[]): number {
  const types = new Set<string>();
  for (const e of members) if (e.orgType !== undefined) types.add(e.orgType);
  return types.size;
}
