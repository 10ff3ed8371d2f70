/**
 * The roster (名单) for 认定 and 公示: per county, its group with 召集人 and
 * 联络员, leader first; as roster.csv in every results set, and as a
 * printable section of report.html.
 */
export { buildRoster, compareMembers, hasContacts, type RosterGroup, type RosterMember } from './model.js';
export { rosterCsv, resultRosterCsv, rosterRows, ROSTER_COLUMNS, ROSTER_FILE, type RosterColumn } from './csv.js';
export { parseRoster, type StoredRoster, type ParseRosterResult } from './read.js';
