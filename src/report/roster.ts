/**
 * The report's printable roster (名单) for 认定 and 公示: one block per
 * county with a group — the county, 召集人 and 联络员, and the members
 * leader first, with level, organization and province — that prints one
 * county per page (see the print rules in `style.ts`). The same roster as
 * roster.csv (`buildRoster`), so the page and the file never disagree.
 * Contact-free: the input holds no phone number, e-mail or ID number.
 */
import type { SolveResult } from '../model/result.js';
import type { Instance } from '../model/schemas.js';
import { buildRoster, hasContacts, type RosterGroup } from '../roster/model.js';
import { esc, int } from './format.js';
import { bi, bl, section, th } from './html.js';
import { LEVEL_LABELS, needKeyLabel, orgTypeLabel, REASON_LABELS, ROLE_LABELS } from './labels.js';

/** The anchor of a county's roster page, by its position in the roster. */
export function rosterAnchor(index: number): string {
  return `r-${index}`;
}

function contactRow(zh: string, en: string, value: string): string {
  // An empty cell is left blank on purpose: the printed page is a form to be completed by hand.
  return `<tr><th>${bl(zh, en)}</th><td>${value ? esc(value) : '<span class="blank"></span>'}</td></tr>`;
}

function rosterPage(g: RosterGroup, index: number, contacts: { convenor: boolean; liaison: boolean }, footer: string): string {
  const name = g.countyName || g.countyId;
  const where = [g.province, g.prefecture, g.countyId].filter((x) => x !== '').map(esc).join(' · ');
  let s = `<div class="roster-page" id="${rosterAnchor(index)}"><h3>${esc(name)} ${bl('产业顾问组成员名单', 'Industry advisory group roster')}</h3>`;
  s += `<p class="muted">${where}${g.batch ? ` · 批次 batch ${esc(g.batch)}` : ''}</p>`;
  if (contacts.convenor || contacts.liaison) {
    s += '<table class="kv contacts"><tbody>';
    if (contacts.convenor) s += contactRow('召集人', 'Convenor', g.convenor);
    if (contacts.liaison) s += contactRow('联络员', 'Liaison', g.liaison);
    s += '</tbody></table>';
  }
  if (g.vacancy) s += `<p class="vacancy">${bi(REASON_LABELS.vacancy)}</p>`;
  s += '<table class="roster"><thead><tr>';
  s += th('序号', 'No.', true) + th('姓名', 'Name') + th('角色', 'Role') + th('级别', 'Level') + th('单位', 'Organization')
    + th('单位类型', 'Org. type') + th('省份', 'Province') + th('覆盖需求', 'Needs covered');
  s += '</tr></thead><tbody>';
  for (const m of g.members) {
    const role = ROLE_LABELS[m.role];
    const level = m.level ? LEVEL_LABELS[m.level] : undefined;
    const orgType = m.orgType ? orgTypeLabel(m.orgType) : undefined;
    // Plain cells, styled by column in style.ts: a national round has ~7,000 rows, and the page must stay small.
    s += `<tr class="r-${m.role}"><td>${int(m.seq)}</td><td>${esc(m.name || m.expertId)}<small>${esc(m.expertId)}</small></td>`;
    s += `<td>${esc(role.zh)} ${esc(role.en)}</td><td>${level ? esc(level.zh) : '—'}</td>`;
    s += `<td>${m.organization ? esc(m.organization) : '—'}</td><td>${orgType ? esc(orgType.zh || orgType.en) : '—'}</td><td>${esc(m.province)}</td>`;
    s += `<td>${m.covers.length > 0 ? esc(m.covers.map(needKeyLabel).join('、')) : '—'}</td></tr>`;
  }
  s += `</tbody></table><p class="note">共 ${int(g.members.length)} 人 ${g.members.length === 1 ? 'member' : 'members'} · ${footer}</p></div>\n`;
  return s;
}

/**
 * The roster section: a note, a "print the roster only" button (shown by
 * the page's script; without it, printing the page prints the roster at its
 * end), and one page-sized block per county, in the roster's order.
 *
 * @param instance the round (validated)
 * @param result the result the report is about
 */
export function renderRosterSection(instance: Instance, result: SolveResult): string {
  const roster = buildRoster(instance, result.assignments, result.unmatched, result.vacancies);
  if (roster.length === 0) return section('roster', '成员名单', 'Roster', '<p class="empty">没有组 No groups</p>');
  let s = '<p class="note">供认定、公示使用：每县一页（打印时），组长在前，其后为本地、东西部协作与其他成员；召集人、联络员取自 counties.csv。名单不含电话、邮箱或证件号码（输入中没有这些信息）。与结果中的 roster.csv 内容相同。 '
    + 'For approval (认定) and public notice (公示): one county per printed page, the leader first, then local, East–West and other members; convenor and liaison as counties.csv gives them. Contact-free: no phone, e-mail or ID number (the input holds none). The same roster as roster.csv in the results folder.</p>';
  s += '<div class="tools" id="roster-tools" hidden><button type="button" id="roster-print">仅打印名单 Print the roster only</button></div>';
  const footer = `输入 input ${esc(result.summary.inputHash.slice(0, 16))} · advisory-groups ${esc(result.summary.version)}`;
  const contacts = hasContacts(instance.counties);
  roster.forEach((g, i) => { s += rosterPage(g, i, contacts, footer); });
  return section('roster', '成员名单（认定、公示）', 'Roster for approval and public notice', s);
}
