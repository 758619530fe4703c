/**
 * Translates a java.util.regex pattern into a JavaScript RegExp with the same meaning on strings whose
 * chars are bytes (ISO-8859-1), as HBase's RegexStringComparator runs it on row keys.
 *
 * Covers what OpenTSDB and HBase users write: inline flags `(?s)`, `(?i)`, `(?m)` (also mid-pattern for
 * `s`), `\Q…\E` quoting, Java's `.` (no line terminators unless DOTALL), Java's `$` (end of input or
 * before a final line terminator), `\A`, `\Z`, `\z`, possessive quantifiers and atomic groups (matched
 * greedily, which finds the same rows for the anchored patterns OpenTSDB builds).
 */

const LINE_TERMINATOR_CLASS = '[\\n\\r\\u0085\\u2028\\u2029]';
const DOT_NO_DOTALL = '[^\\n\\r\\u0085\\u2028\\u2029]';
const DOT_DOTALL = '[\\s\\S]';
const END_OF_INPUT_OR_FINAL_TERMINATOR = `(?=(?:\\r\\n|${LINE_TERMINATOR_CLASS})?$)`;

export class JavaRegexSyntaxError extends SyntaxError {
  override name = 'JavaRegexSyntaxError';
}

/** Escapes one char for use inside a JS regex, by code so any byte is safe. */
function literal(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

interface Flags {
  dotAll: boolean;
  ignoreCase: boolean;
  multiline: boolean;
}

/** Reads an inline flag group such as `(?s)` or `(?i-s)` at `i`; returns its end, or -1. */
function readInlineFlags(p: string, i: number, flags: Flags): number {
  const m = /^\(\?([idmsuxU]*)(?:-([idmsuxU]*))?\)/.exec(p.slice(i, i + 20));
  if (!m) return -1;
  const apply = (letters: string | undefined, on: boolean): void => {
    for (const f of letters ?? '') {
      if (f === 's') flags.dotAll = on;
      else if (f === 'i') flags.ignoreCase = on;
      else if (f === 'm') flags.multiline = on;
    }
  };
  apply(m[1], true);
  apply(m[2], false);
  return i + m[0].length;
}

/** Compiles a Java regex to a JS RegExp. Throws JavaRegexSyntaxError if JS cannot parse the result. */
export function compileJavaRegex(pattern: string): RegExp {
  const flags: Flags = { dotAll: false, ignoreCase: false, multiline: false };
  let out = '';
  let inClass = 0;
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new JavaRegexSyntaxError(`Unexpected internal error near index ${i}: trailing backslash`);
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const quoted = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        for (const q of quoted) out += literal(q);
        i = end < 0 ? pattern.length : end + 2;
        continue;
      }
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else if (!inClass && next === 'Z') out += END_OF_INPUT_OR_FINAL_TERMINATOR;
      else out += ch + next;
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === '[') inClass++;
      else if (ch === ']') inClass--;
      out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = 1;
      out += ch;
      // A ']' right after '[' or '[^' is a literal in both dialects.
      const rest = pattern.slice(i + 1);
      const lead = rest.startsWith('^]') ? '^\\]' : rest.startsWith(']') ? '\\]' : '';
      out += lead;
      i += 1 + (lead === '^\\]' ? 2 : lead ? 1 : 0);
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?') {
      const after = readInlineFlags(pattern, i, flags);
      if (after >= 0) {
        i = after;
        continue;
      }
      if (pattern[i + 2] === '>') {
        out += '(?:';
        i += 3;
        continue;
      }
    }
    if (ch === '.') out += flags.dotAll ? DOT_DOTALL : DOT_NO_DOTALL;
    else if (ch === '$') out += flags.multiline ? '$' : END_OF_INPUT_OR_FINAL_TERMINATOR;
    else if (ch === '+' && i > 0 && /[*+?}]/.test(pattern[i - 1]) && pattern[i - 2] !== '\\') {
      // Possessive quantifier (x*+): JS has none; the greedy form finds the same anchored matches.
    } else out += ch;
    i++;
  }
  try {
    return new RegExp(out, (flags.ignoreCase ? 'i' : '') + (flags.multiline ? 'm' : ''));
  } catch (e) {
    throw new JavaRegexSyntaxError(`Cannot compile regular expression '${pattern}': ${(e as Error).message}`);
  }
}

/** Byte strings as Java's ISO-8859-1 decoder sees them: one char per byte. */
export function latin1(bytes: Buffer): string {
  return bytes.toString('latin1');
}
