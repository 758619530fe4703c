/**
 * A JSON reader that keeps every number as the text the server wrote (`1.0E10` and `10000000000`
 * stay different, longs beyond 2^53 stay exact) and every object's key order, so two replies can be
 * compared byte for byte where it matters and structurally where it does not. It also accepts the
 * bare `NaN`/`Infinity` tokens a Java serializer may emit.
 */

export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type JsonText = null | boolean | string | JsonNumber | JsonText[] | JsonObject;

/** An object with its keys in the order they came. */
export class JsonObject {
  readonly entries = new Map<string, JsonText>();
  get(key: string): JsonText | undefined {
    return this.entries.get(key);
  }
}

export class JsonTextError extends SyntaxError {
  override name = 'JsonTextError';
}

const NUMBER = /-?(?:\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const BARE = /(?:-?Infinity|NaN)/y;

class Reader {
  at = 0;
  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new JsonTextError(`Cannot read JSON at ${this.at}: ${what} in ${JSON.stringify(this.s.slice(this.at, this.at + 40))}`);
  }

  skip(): void {
    while (this.at < this.s.length && ' \t\r\n'.includes(this.s[this.at] as string)) this.at++;
  }

  value(): JsonText {
    this.skip();
    const c = this.s[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.at)) {
        this.at += word.length;
        return v;
      }
    }
    for (const re of [BARE, NUMBER]) {
      re.lastIndex = this.at;
      const m = re.exec(this.s);
      if (m !== null) {
        this.at += m[0].length;
        return new JsonNumber(m[0]);
      }
    }
    return this.fail('unexpected character');
  }

  object(): JsonObject {
    const o = new JsonObject();
    this.at++;
    this.skip();
    if (this.s[this.at] === '}') {
      this.at++;
      return o;
    }
    for (;;) {
      this.skip();
      if (this.s[this.at] !== '"') this.fail('expected a key');
      const key = this.string();
      this.skip();
      if (this.s[this.at++] !== ':') this.fail('expected ":"');
      if (o.entries.has(key)) this.fail(`duplicate key ${key}`);
      o.entries.set(key, this.value());
      this.skip();
      const c = this.s[this.at++];
      if (c === '}') return o;
      if (c !== ',') this.fail('expected "," or "}"');
    }
  }

  array(): JsonText[] {
    const a: JsonText[] = [];
    this.at++;
    this.skip();
    if (this.s[this.at] === ']') {
      this.at++;
      return a;
    }
    for (;;) {
      a.push(this.value());
      this.skip();
      const c = this.s[this.at++];
      if (c === ']') return a;
      if (c !== ',') this.fail('expected "," or "]"');
    }
  }

  string(): string {
    const start = this.at;
    this.at++;
    while (this.at < this.s.length && this.s[this.at] !== '"') this.at += this.s[this.at] === '\\' ? 2 : 1;
    if (this.at >= this.s.length) this.fail('unterminated string');
    this.at++;
    return JSON.parse(this.s.slice(start, this.at)) as string;
  }
}

/** Parses `text`; throws JsonTextError on anything that is not one JSON value. */
export function parseJsonText(text: string): JsonText {
  const r = new Reader(text);
  const v = r.value();
  r.skip();
  if (r.at !== text.length) r.fail('trailing characters');
  return v;
}

/** Compact JSON again (numbers as they came), for messages and sorting. */
export function showJson(v: JsonText | undefined): string {
  if (v === undefined) return '(absent)';
  if (v instanceof JsonNumber) return v.text;
  if (v instanceof JsonObject) return `{${[...v.entries].map(([k, x]) => `${JSON.stringify(k)}:${showJson(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(showJson).join(',')}]`;
  return JSON.stringify(v);
}
