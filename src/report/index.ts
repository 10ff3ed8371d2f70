/**
 * The HTML report of a solved round: one self-contained page (inline CSS
 * and SVG, no network), deterministic, every user text escaped.
 */
export { renderReport, TALL_HEATMAP_ROWS } from './render.js';
export { writeReport, REPORT_FILE } from './write.js';
export { buildReportModel, stageColumns, type ReportModel, type GroupView, type UnmatchedView, type ProvinceStats, type CoverageRow, type CoverageCell, type CellState, type MemberView } from './model.js';
export { STATUS_LABELS, REASON_LABELS, ROLE_LABELS, LEVEL_LABELS, stageLabel, orgTypeLabel, needKeyLabel, type Bilingual } from './labels.js';
export { esc as escapeHtml } from './format.js';
export { renderRosterSection, rosterAnchor } from './roster.js';
