/**
 * Explanations: why a county cannot be matched (alone, or for a shortage
 * between counties), why a group is what it is, why an expert is or is not
 * in a group.
 */
export { diagnoseCounty, diagnoseAll, countyLabel, consentShortfall, describeConsentShortfall, type Diagnosis, type ConsentShortfall } from './diagnose.js';
export { findShortages, describeShortage, shortageRemedy, type Shortage, type ShortageKind } from './shortage.js';
export { explainCompetition, openCounties } from './competition.js';
export { explainGroup, scoreBreakdown, type GroupExplanation, type MemberExplanation, type NeedCoverage, type ScoreBreakdown } from './group.js';
export { explainCounty, type CountyExplanation, type UnmatchedCountyExplanation } from './county.js';
export { explainPair, evaluateMove, type PairExplanation, type MoveEvaluation, type GroupOutcome } from './pair.js';
export { formatCountyExplanation, formatPairExplanation, formatAdvice } from './format.js';
export { buildPoolIndex, type PoolIndex } from './pool-index.js';
