/**
 * A GBK/GB18030 encoder for tests (Node has none): the two-byte table is
 * built once by decoding every two-byte sequence with `TextDecoder`.
 */
let table: Map<string, readonly [number, number]> | undefined;

function buildTable(): Map<string, readonly [number, number]> {
  const map = new Map<string, readonly [number, number]>();
  const decoder = new TextDecoder('gb18030', { fatal: true });
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      let ch: string;
      try {
        ch = decoder.decode(Uint8Array.of(b1, b2));
      } catch {
        continue;
      }
      if ([...ch].length === 1 && !map.has(ch)) map.set(ch, [b1, b2]);
    }
  }
  return map;
}

/** The GBK bytes of a text (ASCII as is, other characters from the two-byte table); throws on a character GBK lacks. */
export function encodeGbk(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = table.get(ch);
    if (bytes === undefined) throw new RangeError(`no GBK encoding for ${JSON.stringify(ch)}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}
