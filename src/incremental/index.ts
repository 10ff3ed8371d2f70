/**
 * Incremental work on an earlier result: a later batch with earlier groups
 * standing (成熟一批、匹配一批), and repairs after experts withdraw (动态管理).
 */
export { solveBatch, solveBatchOrThrow, type BatchSpec } from './batch.js';
export { repair, repairOrThrow, looseBound, type RepairSpec, type RepairOutcome, type RepairPrior } from './repair.js';
export type { RepairChange } from './change-log.js';
export { writeRepair, changesCsv, CHANGE_COLUMNS, type WriteRepairOptions } from './write.js';
export { UnknownIdError, type PriorResult, type VacantGroup } from './state.js';
export type { RoundOptions } from './prepare.js';
