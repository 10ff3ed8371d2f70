/**
 * The hard rules H1–H10, one file each. The model builder, the checker and
 * the explainer all read them from here.
 */
import { h1OneGroup } from './h1-one-group.js';
import { h2Capacity } from './h2-capacity.js';
import { h3GroupSize } from './h3-group-size.js';
import { h4Leader } from './h4-leader.js';
import { h4cLeadOnce } from './h4c-lead-once.js';
import { h5Local } from './h5-local.js';
import { h6EastWest } from './h6-east-west.js';
import { h7RequiredNeeds } from './h7-required-needs.js';
import { h8Veto } from './h8-veto.js';
import { h9Pins } from './h9-pins.js';
import type { Rule } from './types.js';

/** H1–H9 with H4c, in order: the rules a solution must satisfy (H10 is an input rule). */
export const SOLUTION_RULES: readonly Rule[] = [h1OneGroup, h2Capacity, h3GroupSize, h4Leader, h4cLeadOnce, h5Local, h6EastWest, h7RequiredNeeds, h8Veto, h9Pins];

export { h1OneGroup, h2Capacity, h3GroupSize, h4Leader, h4cLeadOnce, h5Local, h6EastWest, h7RequiredNeeds, h8Veto, h9Pins };
export { capacityOf } from './h2-capacity.js';
export { groupSizeBounds } from './h3-group-size.js';
export { canLead, leaderBar, leaderBarWords, meetsLeaderSkill, type LeaderBar } from './h4-leader.js';
export { leadsOnce } from './h4c-lead-once.js';
export { isLocalTo, isLocalElsewhere } from './h5-local.js';
export { partnersOf, isEastFor, countsTowardEast, eastCount } from './h6-east-west.js';
export { expertCovers } from './h7-required-needs.js';
export { isVetoed } from './h8-veto.js';
export { H10_POLICY, keyCountyMessage, isKeyCounty } from './h10-key-county.js';
export { isEligible, eligibleExperts } from './eligibility.js';
export { consentAllows, consentOf, consentWords, lacksConsent, isPinnedPair, CONSENT_POLICY, type PairConsent, type ConsentAnswer } from './consent.js';
export { roleOf } from './roles.js';
export { buildContext, needsOf, skillsOf, affinityOf, pinsOf, type RoundContext } from './context.js';
export type { Rule, RuleId, Violation, SolutionView, GroupMember, ModelScope } from './types.js';
