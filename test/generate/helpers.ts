/**
 * Shared instances for the generator tests: each preset and seed is
 * generated once per test file, since the national one takes a few tenths
 * of a second.
 */
import { generateInstance, type PresetName } from '../../src/generate/index.js';
import type { Instance } from '../../src/model/schemas.js';

const cache = new Map<string, Instance>();

/** The instance of `preset` and `seed`, generated on first use. */
export function instanceOf(preset: PresetName, seed = 1): Instance {
  const key = `${preset}/${seed}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = generateInstance(preset, seed);
    cache.set(key, hit);
  }
  return hit;
}

/** Groups a list by a key. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/** True when the strings are in ascending code-unit order. */
export function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}
