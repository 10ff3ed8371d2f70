/**
 * The fingerprint of an input: what summary.json's `inputHash` records and
 * what `check` recomputes. It lives here, outside every solver, so that the
 * solver that writes it and the checker that verifies it share one formula.
 */
import { createHash } from 'node:crypto';
import type { Instance } from './schemas.js';

/** SHA-256 of the instance's canonical JSON (a validated instance, as the solver holds it): the summary's fingerprint of the input. */
export function hashInstance(instance: Instance): string {
  return createHash('sha256').update(JSON.stringify(instance)).digest('hex');
}
