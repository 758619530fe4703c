/**
 * Sends one HTTP request to tsd-ts and to the reference OpenTSDB and lists how the replies differ:
 * status, content type, and the body — JSON compared value by value with numbers as written, key
 * order included, except where rules say a value is server-specific (traces, timings) or an order
 * is not defined by OpenTSDB.
 */
import { request } from 'node:http';
import { JsonNumber, JsonObject, JsonText, parseJsonText, showJson } from './json-text';

export interface HttpCall {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query string, sent as is. */
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** One request over a fresh connection; the reply whole, or status 0 when the server hung up. */
export function send(baseUrl: string, call: HttpCall, timeoutMs = 30_000): Promise<Reply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(call.body));
    }
    const req = request({
      host: url.hostname, port: url.port, method: call.method ?? 'GET', path: call.path, headers, agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type'] ?? ''),
        text: Buffer.concat(chunks).toString('utf8'),
      }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`No reply from ${baseUrl}${call.path} in ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') resolve({ status: 0, contentType: '', text: '' });
      else reject(e);
    });
    req.end(call.body);
  });
}

export interface DiffRules {
  /** Values left out on both sides: server-specific (stack traces, timings, versions). */
  readonly ignore?: (path: string, ours: JsonText | undefined, theirs: JsonText | undefined) => boolean;
  /** Arrays whose element order OpenTSDB does not define. */
  readonly unordered?: (path: string) => boolean;
  /** Objects whose key order OpenTSDB does not define. */
  readonly anyKeyOrder?: (path: string) => boolean;
  /** Rewrites a string on both sides before comparing (e.g. masks a clock reading in a message). */
  readonly rewrite?: (path: string, text: string) => string;
}

/**
 * The rules every comparison applies: Java stack traces are OpenTSDB's own, and so are the texts of
 * Jackson's exceptions that it passes on as the `details` of a body it cannot parse (ours say the
 * same in JavaScript's words).
 */
export const BASE_RULES: DiffRules = {
  ignore: (p, ours, theirs) =>
    p === '$.error.trace' ||
    (p === '$.error.details' && typeof theirs === 'string' && theirs.startsWith('com.fasterxml.jackson.') && typeof ours === 'string' && ours !== ''),
};

/**
 * /api/query replies: `aggregateTags` lists names in the order OpenTSDB's UID lookups complete
 * (SpanGroup.resolveAggTags groups Deferreds unordered), so by tag-key UID only once they are cached.
 */
export const QUERY_RULES: DiffRules = { unordered: (p) => /^\$\[\d+\]\.aggregateTags$/.test(p) };

const OURS = 'tsd-ts';
const THEIRS = 'OpenTSDB';

const childPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

const short = (v: JsonText | undefined): string => {
  const s = showJson(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

function kind(v: JsonText): string {
  if (v === null) return 'null';
  if (v instanceof JsonNumber) return 'number';
  if (v instanceof JsonObject) return 'object';
  return Array.isArray(v) ? 'array' : typeof v;
}

function diffObjects(a: JsonObject, b: JsonObject, path: string, rules: DiffRules, out: string[]): void {
  const keys = (o: JsonObject): string[] =>
    [...o.entries.keys()].filter((k) => !rules.ignore?.(childPath(path, k), a.get(k), b.get(k)));
  const ka = keys(a);
  const kb = keys(b);
  for (const k of new Set([...ka, ...kb])) {
    diffAt(a.get(k), b.get(k), childPath(path, k), rules, out);
  }
  const common = (ks: string[], other: string[]): string[] => ks.filter((k) => other.includes(k));
  const oa = common(ka, kb);
  const ob = common(kb, ka);
  if (!rules.anyKeyOrder?.(path) && oa.join('\u0000') !== ob.join('\u0000')) {
    out.push(`${path}: key order ${OURS} ${oa.join(',')} | ${THEIRS} ${ob.join(',')}`);
  }
}

function diffAt(a: JsonText | undefined, b: JsonText | undefined, path: string, rules: DiffRules, out: string[]): void {
  if (out.length >= 25) return;
  if (a === undefined || b === undefined) {
    if (a !== b) out.push(`${path}: ${OURS} ${short(a)} | ${THEIRS} ${short(b)}`);
    return;
  }
  if (kind(a) !== kind(b)) {
    out.push(`${path}: ${OURS} ${short(a)} | ${THEIRS} ${short(b)}`);
    return;
  }
  if (a instanceof JsonObject && b instanceof JsonObject) return diffObjects(a, b, path, rules, out);
  if (Array.isArray(a) && Array.isArray(b)) {
    const sort = (x: JsonText[]): JsonText[] => (rules.unordered?.(path) ? [...x].sort((p, q) => showJson(p).localeCompare(showJson(q))) : x);
    const [sa, sb] = [sort(a), sort(b)];
    if (sa.length !== sb.length) out.push(`${path}: length ${OURS} ${sa.length} | ${THEIRS} ${sb.length}`);
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) diffAt(sa[i], sb[i], childPath(path, i), rules, out);
    return;
  }
  if (typeof a === 'string' && typeof b === 'string' && rules.rewrite) {
    [a, b] = [rules.rewrite(path, a), rules.rewrite(path, b)];
  }
  if (showJson(a) !== showJson(b)) out.push(`${path}: ${OURS} ${short(a)} | ${THEIRS} ${short(b)}`);
}

/** Differences between two JSON values (empty when they agree under `rules`). */
export function diffJson(ours: JsonText, theirs: JsonText, rules: DiffRules = BASE_RULES): string[] {
  const out: string[] = [];
  diffAt(ours, theirs, '$', rules, out);
  return out;
}

function parseOrText(text: string): JsonText | undefined {
  try {
    return parseJsonText(text);
  } catch {
    return undefined;
  }
}

const JSONP = /^([A-Za-z_$][\w$.]*)\(([\s\S]*)\)$/;

/** A JSONP body split into its callback and the JSON inside; plain JSON has no callback. */
function unwrap(text: string): { callback: string; json: string } {
  const m = JSONP.exec(text);
  return m === null ? { callback: '', json: text } : { callback: m[1] as string, json: m[2] as string };
}

/** Differences between two replies: status, content type, body (JSONP bodies unwrapped). */
export function diffReplies(ours: Reply, theirs: Reply, rules: DiffRules = BASE_RULES): string[] {
  const out: string[] = [];
  if (ours.status !== theirs.status) out.push(`status: ${OURS} ${ours.status} | ${THEIRS} ${theirs.status}`);
  if (ours.contentType.toLowerCase() !== theirs.contentType.toLowerCase()) {
    out.push(`content-type: ${OURS} ${ours.contentType} | ${THEIRS} ${theirs.contentType}`);
  }
  const [wa, wb] = [unwrap(ours.text), unwrap(theirs.text)];
  if (wa.callback !== wb.callback) out.push(`jsonp: ${OURS} ${wa.callback || '(none)'} | ${THEIRS} ${wb.callback || '(none)'}`);
  const [ja, jb] = [parseOrText(wa.json), parseOrText(wb.json)];
  if (ja !== undefined && jb !== undefined) {
    const merged: DiffRules = { ...rules, ignore: (p, a, b) => Boolean(BASE_RULES.ignore?.(p, a, b) || rules.ignore?.(p, a, b)) };
    out.push(...diffJson(ja, jb, merged));
  } else if (wa.json !== wb.json) {
    out.push(`body: ${OURS} ${JSON.stringify(wa.json.slice(0, 200))} | ${THEIRS} ${JSON.stringify(wb.json.slice(0, 200))}`);
  }
  return out;
}

/**
 * Both replies to one request: tsd-ts first, then OpenTSDB, never overlapping, so a read that makes
 * one side compact a row cannot change what the other side reads for the same request.
 */
export async function sendBoth(oursUrl: string, theirsUrl: string, call: HttpCall): Promise<{ ours: Reply; theirs: Reply }> {
  const ours = await send(oursUrl, call);
  const theirs = await send(theirsUrl, call);
  return { ours, theirs };
}
