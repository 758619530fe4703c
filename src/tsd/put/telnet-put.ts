/**
 * Telnet `put <metric> <timestamp> <value> <tagk=tagv>...`: success is silent; a bad point gets one
 * line in OpenTSDB's words and the connection stays open. Known series take a synchronous path (no
 * promise per point); a new series resolves its UIDs first.
 */
import type { TSDB } from '../../tsdb';
import type { TsdStats } from '../stats';
import type { TelnetReply, TelnetRpc } from '../telnet/telnet-rpc';
import { checkTimestamp } from '../../core/point-validation';
import { encodePutValue, parseTagWords, parseTelnetPutWords, toPutError, type PutError } from './put-point';
import type { SeriesCache } from './series-cache';
import { encodeInteger, type EncodedValue } from '../../core/value-codec';

export interface PutDeps {
  readonly tsdb: TSDB;
  readonly stats: TsdStats;
  readonly series: SeriesCache;
  /** tsd.rpc.telnet.return_errors: write storage failures back to the client. */
  readonly returnErrors: boolean;
}

const ERROR_STAT: Record<PutError['category'], string> = {
  'invalid value': 'invalid_values',
  'illegal argument': 'illegal_arguments',
  'unknown metric': 'unknown_metrics',
  'HBase error': 'hbase_errors',
};

export function countPutError(stats: TsdStats, e: PutError): void {
  stats.inc('tsd.rpc.errors', { type: ERROR_STAT[e.category] });
}

export function telnetPutCommand(deps: PutDeps): TelnetRpc {
  const { tsdb, stats, series } = deps;
  const fail = (reply: TelnetReply, e: unknown): void => {
    const err = toPutError(e);
    countPutError(stats, err);
    if (err.category !== 'HBase error' || deps.returnErrors) reply.line(err.telnetLine());
  };
  const received = stats.counter('tsd.rpc.received', { type: 'put' });
  return {
    availability: 'write',
    execute(words, reply, line) {
      received.value++;
      try {
        const p = parseTelnetPutWords(words);
        // The series is named by the metric and the tag words as sent: the text after the value.
        const tagsAt = words[0].length + words[1].length + words[2].length + words[3].length + 4;
        const tagText = line.slice(tagsAt);
        const key = `${p.metric}\u0000${tagText}`;
        const known = series.getText(key);
        if (known) {
          const value = encodePutValue(p.valueText, 'telnet', p.metric, p.timestamp);
          checkTimestamp(p.metric, p.timestamp, value.bytes, value.flags, known.tags);
          tsdb.writePoint(known, p.timestamp, value);
          return;
        }
        const tags = parseTagWords(p.tagWords);
        const value = encodePutValue(p.valueText, 'telnet', p.metric, p.timestamp);
        let resolving = series.pending.get(key);
        if (resolving) {
          checkTimestamp(p.metric, p.timestamp, value.bytes, value.flags, tags);
        } else {
          resolving = tsdb.resolvePoint(p.metric, p.timestamp, value, tags);
          series.pending.set(key, resolving);
          const settle = (): void => void series.pending.delete(key);
          resolving.then((resolved) => {
            series.set(p.metric, tagText, resolved);
            settle();
          }, settle);
        }
        return resolving.then(
          (resolved) => tsdb.writePoint(resolved, p.timestamp, value),
          (e: unknown) => fail(reply, e),
        );
      } catch (e) {
        fail(reply, e);
      }
    },
  };
}

const SPACE = 0x20;
const MAX_FAST_DIGITS = 15;

/**
 * The `put` fast path on raw bytes: a well-formed line of a known series (cached by its exact bytes),
 * with a plain integer timestamp, is written without making a string of the line. Anything else —
 * a new series, an odd timestamp, any error — is declined and takes the full path, which produces
 * OpenTSDB's exact replies.
 */
export function telnetPutFastPath(deps: PutDeps): (buf: Buffer, start: number, end: number) => boolean {
  const { tsdb, series } = deps;
  const received = deps.stats.counter('tsd.rpc.received', { type: 'put' });
  return (buf, s, e) => {
    if (e - s < 12 || buf[s] !== 0x70 || buf[s + 1] !== 0x75 || buf[s + 2] !== 0x74 || buf[s + 3] !== SPACE) return false;
    const m0 = s + 4;
    const m1 = buf.indexOf(SPACE, m0);
    if (m1 <= m0 || m1 >= e) return false;
    const t0 = m1 + 1;
    const t1 = buf.indexOf(SPACE, t0);
    if (t1 <= t0 || t1 >= e || t1 - t0 > 13) return false;
    let timestamp = 0;
    for (let i = t0; i < t1; i++) {
      const c = buf[i] - 48;
      if (c < 0 || c > 9) return false;
      timestamp = timestamp * 10 + c;
    }
    if (timestamp <= 0) return false;
    const v0 = t1 + 1;
    const v1 = buf.indexOf(SPACE, v0);
    if (v1 <= v0 || v1 + 1 >= e) return false;
    const known = series.lookup(buf, m0, m1, buf, v1 + 1, e);
    if (!known) return false;
    let value: EncodedValue;
    const negative = buf[v0] === 0x2d;
    let n = 0;
    let i = negative ? v0 + 1 : v0;
    if (v1 - i > 0 && v1 - i <= MAX_FAST_DIGITS) {
      for (; i < v1; i++) {
        const c = buf[i] - 48;
        if (c < 0 || c > 9) break;
        n = n * 10 + c;
      }
    }
    if (i === v1 && v1 - v0 > (negative ? 1 : 0)) {
      value = encodeInteger(negative ? -n : n);
    } else {
      try {
        value = encodePutValue(buf.toString('latin1', v0, v1), 'telnet', known.metric, timestamp);
      } catch {
        return false;
      }
    }
    received.value++;
    tsdb.writePoint(known, timestamp, value);
    return true;
  };
}
