/**
 * A JSON reader for query bodies that keeps what Jackson's bean mapping depends on and JSON.parse loses:
 * member order and duplicates (a later `tags` or `filters` wins), the original text of numbers (Jackson
 * coerces `1356998400.000` to the string "1356998400.000"), and NaN/Infinity tokens
 * (ALLOW_NON_NUMERIC_NUMBERS). Like Jackson, content after the first value is ignored. Nesting is
 * bounded so hostile bodies cannot exhaust the stack.
 */

export type JsonValue =
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, JsonValue]>; readonly at: number }
  | { readonly kind: 'array'; readonly items: readonly JsonValue[]; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly at: number }
  | { readonly kind: 'null'; readonly at: number };

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const NON_NUMERIC = /(?:NaN|-?Infinity|\+Infinity)/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads the first JSON value of `text`; null when the text holds no value at all. */
export function readJson(text: string): JsonValue | null {
  const r = new Reader(text);
  r.skipSpace();
  if (r.pos >= text.length) return null;
  return r.value(0);
}

class Reader {
  pos = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.pos++;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw this.fail('Maximum nesting depth exceeded');
    this.skipSpace();
    const at = this.pos;
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth, at);
    if (c === '[') return this.array(depth, at);
    if (c === '"') return { kind: 'string', value: this.string(), at };
    if (this.word('true')) return { kind: 'boolean', value: true, at };
    if (this.word('false')) return { kind: 'boolean', value: false, at };
    if (this.word('null')) return { kind: 'null', at };
    const number = this.match(NUMBER) ?? this.match(NON_NUMERIC);
    if (number !== null) return { kind: 'number', text: number, at };
    if (c === undefined) throw this.fail('Unexpected end-of-input: expected a value');
    throw this.fail(`Unexpected character ('${c}' (code ${c.charCodeAt(0)})): expected a valid value`);
  }

  private object(depth: number, at: number): JsonValue {
    this.pos++;
    const entries: Array<[string, JsonValue]> = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries, at };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw this.fail('Unexpected character: was expecting double-quote to start field name');
      const name = this.string();
      this.skipSpace();
      if (this.text[this.pos++] !== ':') throw this.fail("Unexpected character: was expecting a colon to separate field name and value");
      entries.push([name, this.value(depth + 1)]);
      this.skipSpace();
      const sep = this.text[this.pos++];
      if (sep === '}') return { kind: 'object', entries, at };
      if (sep !== ',') throw this.fail('Unexpected character: was expecting comma to separate Object entries');
    }
  }

  private array(depth: number, at: number): JsonValue {
    this.pos++;
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items, at };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      const sep = this.text[this.pos++];
      if (sep === ']') return { kind: 'array', items, at };
      if (sep !== ',') throw this.fail('Unexpected character: was expecting comma to separate Array entries');
    }
  }

  private string(): string {
    const t = this.text;
    let out = '';
    let start = ++this.pos;
    for (;;) {
      if (this.pos >= t.length) throw this.fail('Unexpected end-of-input in a String value');
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos++);
        return out;
      }
      if (c < 0x20) throw this.fail(`Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped`);
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(start, this.pos);
      const e = t[this.pos + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(parseInt(t.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        out += ESCAPES[e];
        this.pos += 2;
      } else {
        throw this.fail(`Unrecognized character escape '${e ?? ''}'`);
      }
      start = this.pos;
    }
  }

  private word(w: string): boolean {
    if (!this.text.startsWith(w, this.pos)) return false;
    this.pos += w.length;
    return true;
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m === null) return null;
    this.pos += m[0].length;
    return m[0];
  }

  private fail(message: string): JsonSyntaxError {
    return new JsonSyntaxError(message, this.pos);
  }
}
