/**
 * `advisory-groups/testing`: the testing kit. fast-check arbitraries of
 * valid rounds and of refused input folders, run settings for property
 * tests, and the independent checker, so that a caller can test its own
 * integration (or its own solver) the way the library tests itself.
 *
 * fast-check is a peer dependency of this entry only; the main entry
 * `advisory-groups` never imports it.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { roundArbitrary, checkSolution, propertyParameters } from 'advisory-groups/testing';
 * import { solveOrThrow } from 'advisory-groups';
 *
 * await fc.assert(fc.asyncProperty(roundArbitrary(), async ({ instance, options }) => {
 *   const result = await solveOrThrow(instance, options);
 *   return checkSolution(instance, result, options).ok;
 * }), propertyParameters(50));
 * ```
 */
export {
  instanceArbitrary, roundArbitrary, TEST_INDUSTRIES, TEST_WEST, TEST_PAIRINGS,
  type RoundKnobs, type Round,
} from './testing/instance-arbitrary.js';
export { DEFAULT_INSTANCE_KNOBS, resolveKnobs, type InstanceKnobs, type IntRange, type ResolvedKnobs } from './testing/knobs.js';
export {
  badInputArbitrary, BAD_INPUT_KINDS, ISSUE_CODE_OF_KIND, csvTablesOf, csvFilesOf, lineOfRow,
  type BadInput, type BadInputKind, type BadInputSettings, type CsvTable, type ExpectedIssue,
} from './testing/bad-input.js';
export { writeCsvFolder } from './testing/folder.js';
export { propertyParameters, isLongPropertyRun, DEFAULT_PROPERTY_SEED, type PropertyEnv } from './testing/parameters.js';
export { checkSolution, type CheckReport } from './check/check-solution.js';
