/**
 * Names are stored as ISO-8859-1 (UniqueId.CHARSET). Like Java's encoder, every character outside
 * Latin-1 becomes '?' (0x3F), a surrogate pair counting as one character, so byte-compatible rows
 * come out for any input.
 */
export function nameToBytes(name: string): Buffer {
  let latin1 = true;
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) > 0xff) {
      latin1 = false;
      break;
    }
  }
  if (latin1) return Buffer.from(name, 'latin1');
  const out: number[] = [];
  for (const ch of name) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    out.push(cp > 0xff ? 0x3f : cp);
  }
  return Buffer.from(out);
}

export function bytesToName(bytes: Buffer): string {
  return bytes.toString('latin1');
}
