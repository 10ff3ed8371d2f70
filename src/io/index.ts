/**
 * The io layer: CSV folders and JSON files in and out, with encodings,
 * Chinese headers, validation that names file, line and field, CSV files
 * streamed in bounded memory, and atomic deterministic writes.
 */
export { readInstanceDir, readInstanceDirOrThrow, type ReadInstanceOptions, type ReadInstanceResult } from './read-instance.js';
export { validateInstance, type ValidateOptions, type ValidationReport } from './validate.js';
export { SourceMap, ENTITY_KINDS } from './source-map.js';
export {
  parseInstanceJson, readInstanceJson, readInstanceJsonOrThrow, instanceToJson, writeInstanceJson,
} from './instance-json.js';
export { writeInstanceDir, instanceToCsv } from './write-instance.js';
export {
  writeResults, addToResultSet, ResultSetError, resultsToFiles, assignmentsCsv, unmatchedCsv, pinsCsv, summaryJson, timingJson, formatFit,
  OutputDirError, RESULT_FILES, ASSIGNMENT_COLUMNS, UNMATCHED_COLUMNS, PINNED_COLUMNS, PINNED_FILE, SUMMARY_KEYS,
  type WriteResultsOptions, type ResultFileName,
} from './write-results.js';
export { readResultDir, VACANCIES_FILE, type ReadResultDirResult, type StoredSummary } from './read-results.js';
export { vacanciesCsv, VACANCY_COLUMNS } from './write-results.js';
export {
  LEDGER_FILE, LEDGER_COLUMNS, LEDGER_EVENTS, ledgerCsv, ledgerBlocks, isLedgerDate, todayUtc, type LedgerRow, type LedgerEvent, type LedgerBlock,
} from './ledger.js';
export {
  ledgerFor, ledgerChanges, replayLedger, membershipOf, withdrawnInLedger,
  type LedgerSpec, type LedgerParent, type LedgerChange, type Membership, type Memberships, type MembershipSource,
} from './ledger-events.js';
export { writeFileAtomic, writeFilesAtomic, removeStaleTemps, NotReplaceableError, type WriteSetOptions } from './atomic-write.js';
export { prepareOutDir, assertNotInputDir, OutputPathError, type OutputPathProblem, type PrepareOutDirOptions } from './out-dir.js';
export { lockOutDir, isProcessAlive, OutputLockedError, LOCK_FILE, type OutLock } from './out-lock.js';
export {
  MANIFEST_FILE, MANIFEST_FORMAT, PRODUCT_FILES, UNHASHED_FILES, refreshManifest, manifestText, verifyManifest, sha256Hex,
  type Manifest, type ManifestCheck,
} from './manifest.js';
export { neutralizeText, unneutralizeText } from './csv-format.js';
export { decodeBytes, type DecodeResult, type TextEncodingName } from './encoding.js';
export { MAX_RECORD_CHARS } from './record-splitter.js';
export {
  COLUMNS, INPUT_FILES, REQUIRED_FILES, KIND_OF_FILE, FILE_OF_KIND, headerTableMarkdown, matchHeader, normalizeHeader,
  type ColumnSpec, type CellKind, type EntityKind, type InputFileName,
} from './headers.js';
export {
  parseBoolean, parseNumber, parseList, parseLevel, parseOrgType, parseRole, parseStage, type CellResult,
} from './cells.js';
