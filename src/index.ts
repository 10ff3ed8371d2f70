/**
 * advisory-groups: industry advisory groups (产业顾问组) for poverty-alleviated
 * counties. The public API: the entry point `solve`, the independent checker,
 * the data contract's schemas, reading and writing the CSV folder, and the
 * realistic generator.
 */
export { solve, solveOrThrow, AUTO_EXACT_LIMIT, type SolveOptions, type InvalidInput } from './solve/solve.js';
export { checkSolution, checkWithContext, type CheckReport } from './check/check-solution.js';
export { verifyResult, type VerifyReport, type StoredResult, type VerifyContext } from './check/verify-result.js';
export { verifyLedger, type LedgerCheck } from './check/verify-ledger.js';
export { formatFinding, FINDING_KINDS, CLAIM_CODES, type Finding, type FindingKind, type ClaimCode } from './check/findings.js';
export { REASON_CHECKS } from './check/verify-unmatched.js';
export { RUN_OPTION_KEYS, RULE_OPTION_KEYS, parseOptionsInput, readOptionsFile, type OptionDifference, type OptionsRead } from './check/options-against.js';
export { hashInstance } from './model/instance-hash.js';
export { relativeGap } from './objective/gap.js';
export { defaultOptions, resolveOptions, OptionsSchema, WeightsSchema, type Options, type OptionsInput, type Weights, type Progress } from './model/options.js';
export {
  CountySchema, NeedSchema, ExpertSchema, SkillSchema, PairingSchema, AffinitySchema, PinSchema, InstanceSchema,
  AssignmentSchema, UnmatchedSchema, SummarySchema, REASON_CODES, STATUSES,
  type County, type Need, type Expert, type Skill, type Pairing, type Affinity, type Pin, type Instance, type InstanceInput,
  type Assignment, type Unmatched, type Summary, type Status, type ReasonCode,
} from './model/schemas.js';
export type { Solution, SolveResult, VacancyMember } from './model/result.js';
export { InputError, formatIssue, ISSUE_CODES, type InputIssue, type InputWarning, type IssueCode, type IssueLocation, type NonEmpty } from './model/issues.js';
export { LEVELS, DEFAULT_STAGES, CHAIN_STAGES, ORG_TYPES, ROLES, type Level, type OrgType, type Role } from './model/vocabulary.js';
export { SOLUTION_RULES, type Rule, type RuleId, type Violation } from './rules/index.js';
export { groupScore, memberFit, leaderTerm, memberTerm, type GroupScore, type MemberFit } from './objective/score.js';
export { EngineFailedError, SolverBugError, TooLargeError } from './solve/errors.js';
export { EngineUnavailableError } from './solve/engines/highs.js';
export * from './io/index.js';
export { generateInstance, PRESETS, type PresetName } from './generate/index.js';
export { renderReport, writeReport, REPORT_FILE } from './report/index.js';
export {
  explainCounty, explainPair, findShortages, describeShortage, formatCountyExplanation, formatPairExplanation, formatAdvice,
  type CountyExplanation, type GroupExplanation, type UnmatchedCountyExplanation, type MemberExplanation, type ScoreBreakdown,
  type PairExplanation, type MoveEvaluation, type Shortage, type Diagnosis,
} from './explain/index.js';
export { solveBatch, solveBatchOrThrow, repair, repairOrThrow, writeRepair, changesCsv, UnknownIdError, type BatchSpec, type RepairSpec, type RepairChange, type RepairOutcome, type PriorResult } from './incremental/index.js';
export { recruitmentAdvice, recruitmentCsv, type CountyAdvice, type ExpertProfile } from './recruit/index.js';
export { buildRoster, rosterCsv, resultRosterCsv, rosterRows, parseRoster, ROSTER_COLUMNS, ROSTER_FILE, type RosterGroup, type RosterMember, type RosterColumn, type StoredRoster } from './roster/index.js';
export { verifyRoster } from './check/verify-roster.js';
export { VERSION } from './version.js';
