/**
 * Repeated rows. Copy-paste in a spreadsheet repeats a row exactly; such a
 * copy says nothing new, so it is counted once with a warning naming both
 * lines. Rows with the same key but different values (the same skill with
 * two proficiencies, the same county id with two names) contradict each
 * other and stay an error. Rows are compared once read: `是` and `true`,
 * `品牌` and `branding`, an empty weight and `1` are the same value.
 */

/** True when two read rows hold the same values (flat objects of primitives and lists of primitives). */
export function sameValues(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
    } else if (x !== y) {
      return false;
    }
  }
  return true;
}

/**
 * The keys whose values differ between two read rows, in `a`'s key order then `b`'s: what a person must
 * reconcile in a repeated row (e.g. `expertConsents` when one copy says yes and the other no).
 */
export function differingFields(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !sameValues({ v: a[k] }, { v: b[k] }));
}
