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
        const key = `${p.metric} ${line.slice(tagsAt)}`;
        const known = series.get(key);
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
            series.set(key, resolved);
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
