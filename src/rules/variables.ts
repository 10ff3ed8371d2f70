/**
 * Names of the model's variables, indexed by domain keys (JuMP style):
 * x[e,c] e serves c, l[e,c] e leads c, z[c] c is matched, y[c,n] need n of c
 * is covered (H7 sense), yn[c,n] need n of c is covered by a named skill,
 * u[c,i] industry i of c is present, t[c,k] organization type k is present
 * in c, o[c,k] members of organization k beyond the limit in c, d[c] the
 * group's distance from its target size.
 * Positions (not ids) go into the names so that no id text can collide.
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from './context.js';

function pos(map: ReadonlyMap<string, number>, id: string): number {
  const p = map.get(id);
  if (p === undefined) throw new Error(`unknown id ${id}`);
  return p;
}

/** x[e,c]: expert e serves county c. */
export function xVar(ctx: RoundContext, e: Expert, c: County): string {
  return `x[${pos(ctx.expertIndex, e.id)},${pos(ctx.countyIndex, c.id)}]`;
}

/** l[e,c]: expert e leads county c's group. */
export function lVar(ctx: RoundContext, e: Expert, c: County): string {
  return `l[${pos(ctx.expertIndex, e.id)},${pos(ctx.countyIndex, c.id)}]`;
}

/** z[c]: county c is matched. */
export function zVar(ctx: RoundContext, c: County): string {
  return `z[${pos(ctx.countyIndex, c.id)}]`;
}

/** y[c,n]: the n-th need of county c is covered. */
export function yVar(ctx: RoundContext, c: County, needIndex: number): string {
  return `y[${pos(ctx.countyIndex, c.id)},${needIndex}]`;
}

/** yn[c,n]: the n-th need of county c is covered by a named skill (S1). */
export function ynVar(ctx: RoundContext, c: County, needIndex: number): string {
  return `yn[${pos(ctx.countyIndex, c.id)},${needIndex}]`;
}

/** u[c,i]: a member names the i-th industry of county c (S1b). */
export function uVar(ctx: RoundContext, c: County, industryIndex: number): string {
  return `u[${pos(ctx.countyIndex, c.id)},${industryIndex}]`;
}

/** t[c,k]: organization type k (its index in `ORG_TYPES`) is among county c's members (S4b). */
export function tVar(ctx: RoundContext, c: County, typeIndex: number): string {
  return `t[${pos(ctx.countyIndex, c.id)},${typeIndex}]`;
}

/** d[c]: |size of c's group − its target size| (S6). */
export function dVar(ctx: RoundContext, c: County): string {
  return `d[${pos(ctx.countyIndex, c.id)}]`;
}

/** o[c,k]: members from organization k beyond `maxSameOrganization` in county c. */
export function oVar(ctx: RoundContext, c: County, orgIndex: number): string {
  return `o[${pos(ctx.countyIndex, c.id)},${orgIndex}]`;
}

/** Parses `x[i,j]` back into positions, or undefined for other names. */
export function parseXVar(name: string): { expert: number; county: number } | undefined {
  const m = /^x\[(\d+),(\d+)\]$/.exec(name);
  return m ? { expert: Number(m[1]), county: Number(m[2]) } : undefined;
}
