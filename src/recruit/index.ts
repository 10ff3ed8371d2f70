/**
 * Recruitment advice: the experts whose addition would make each unmatched
 * county matchable, checked by re-solving it.
 */
export { recruitmentAdvice, type CountyAdvice, type ExpertProfile } from './advice.js';
export { recruitmentCsv, RECRUITMENT_COLUMNS } from './write.js';
