/**
 * The raw material of the fuzzer: hostile field values (huge and negative numbers, NaN, non-Latin
 * names, control bytes, wrong JSON types) and a byte-level mutator. Nothing here knows a protocol.
 */
import type { Random } from '../random';

export const HOSTILE_NUMBERS = [
  '-1', '0', '-0', '1e10', '1e400', '-1e400', '1e-400', 'NaN', '-NaN', 'Infinity', '-Infinity', '+1', '1.', '.5', '1e', 'e5',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809', '18446744073709551616',
  '99999999999999999999999999999999', '0x10', '010', '1_000', '1,5', '1356998400.123456', '1356998400000', '13569984000000',
  '٣٤', '１２', '4294967296', '-4294967296', '2147483648', '',
];

export const HOSTILE_NAMES = [
  '', ' ', 'a b', 'ü', 'ключ', '名前', 'emoji😀', 'tab\there', 'nul\u0000x', 'bell\u0007', 'del\u007f', 'cr\rx', 'quote"x', "apos'x",
  'back\\slash', 'a=b', '=', '{', '}', '[', ']', 'x'.repeat(300), '%00', '%zz', '\u00ff\u00fe', '\ud800', 'a/b', 'a.b.c', '-_./', '*',
];

/** A JSON value of an unexpected type or shape, for any field. */
export function hostileJson(rng: Random): unknown {
  if (rng.chance(0.01)) return 'x'.repeat(rng.int(1000, 100_000));
  switch (rng.int(0, 10)) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return [];
    case 3: return {};
    case 4: return [rng.pick(HOSTILE_NUMBERS)];
    case 5: return { nested: { deeper: [1, 2, 3] } };
    case 6: return Number(rng.pick(['1e308', '-1e308', '5e-324', '123456789012345678901234567890', '-0']));
    case 7: return rng.pick(HOSTILE_NAMES);
    case 8: return rng.pick(HOSTILE_NUMBERS);
    case 9: return rng.int(-(2 ** 31), 2 ** 31);
    default: return rng.next() * 1e12;
  }
}

const INSERTS = ['\u0000', '\u0001', '\u001b', '\u007f', '\u00ff', '\r', '\t', ' ', '"', "'", '\\', '{', '}', '[', ']', ',', ':', '=', '%', 'é', '名', '😀', 'NaN', '-', '.', 'e', '9'.repeat(30)];

/** 1–4 random edits of `text`: flip, insert hostile characters, delete, duplicate, or truncate. */
export function mutate(text: string, rng: Random): string {
  let s = text;
  for (let n = rng.int(1, 4); n > 0; n--) {
    const at = rng.int(0, s.length);
    switch (rng.int(0, 5)) {
      case 0:
        if (s.length > 0) {
          const i = Math.min(at, s.length - 1);
          s = s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << rng.int(0, 7))) + s.slice(i + 1);
        }
        break;
      case 1:
        s = s.slice(0, at) + rng.pick(INSERTS) + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at + rng.int(1, 8));
        break;
      case 3:
        s = s.slice(0, at) + s.slice(at, at + rng.int(1, 16)).repeat(rng.int(2, 5)) + s.slice(at);
        break;
      case 4:
        s = s.slice(0, at);
        break;
      default:
        s = s.slice(0, at) + String.fromCharCode(rng.int(0, 0xffff)) + s.slice(at);
    }
  }
  return s;
}
