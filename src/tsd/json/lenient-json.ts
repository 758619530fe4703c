/**
 * JSON parsing with the leniency OpenTSDB's Jackson mapper has, and without losing number text:
 * bare numbers become strings holding their exact text (so "value": 1.3E3 stays "1.3E3", as Jackson
 * hands it to IncomingDataPoint), and the non-numeric tokens NaN, Infinity and -Infinity are accepted
 * (ALLOW_NON_NUMERIC_NUMBERS) as strings too. Callers convert fields to the types they expect.
 */
export class JsonSyntaxError extends SyntaxError {
  override name = 'JsonSyntaxError';
}

/** '-', '+', '0'..'9', 'N' (NaN), 'I' (Infinity). */
function startsNumber(c: number): boolean {
  return c === 45 || c === 43 || (c >= 48 && c <= 57) || c === 78 || c === 73;
}

/** Whitespace, ',', ']', '}', ':' end a bare token. */
function endsToken(c: number): boolean {
  return c === 44 || c === 93 || c === 125 || c === 58 || c === 32 || c === 10 || c === 13 || c === 9;
}

/** Rewrites bare numeric tokens as strings, leaving everything inside strings alone. */
export function quoteBareNumbers(text: string): string {
  const parts: string[] = [];
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string, honouring escapes.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      continue;
    }
    if (startsNumber(c)) {
      let j = i + 1;
      while (j < n && !endsToken(text.charCodeAt(j))) j++;
      const token = text.slice(i, j);
      // Jackson's number grammar: no leading zeros, '+' or bare '.', so `01` or `1.` stay unquoted and fail.
      if (/^(-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?|[-+]?Infinity|NaN)$/.test(token)) {
        parts.push(text.slice(from, i), '"', token, '"');
        from = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * Where the object or array that opens `text` ends (one past its closing bracket), or the text's
 * length when it does not close: Jackson maps the first value and ignores what follows it.
 */
export function firstValueEnd(text: string): number {
  const open = text.charCodeAt(0);
  if (open !== 123 && open !== 91) return text.length;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if ((c === 125 || c === 93) && --depth === 0) {
      return i + 1;
    }
  }
  return text.length;
}

/** Parses the first value of `text`; every number (and NaN/Infinity) arrives as its exact text. */
export function parseLenientJson(text: string): unknown {
  const quoted = quoteBareNumbers(text);
  try {
    return JSON.parse(quoted);
  } catch (e) {
    // Rarely taken: text after the first value, which Jackson ignores.
    const end = firstValueEnd(quoted);
    if (end < quoted.length) {
      try {
        return JSON.parse(quoted.slice(0, end));
      } catch {
        // report the first error
      }
    }
    throw new JsonSyntaxError((e as Error).message);
  }
}

/** Jackson's coercion of a JSON value into a String field: strings as-is, numbers by their text. */
export function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  return null;
}
