/**
 * What the benchmark driver needs of each system it measures. A target kind makes fresh storage
 * (a temp dir, new HBase tables); that storage can be served by a started process, stopped cleanly,
 * measured at rest and thrown away.
 */

export interface TargetKind {
  /** The row label, e.g. `tsd-ts (embedded)`. */
  readonly name: string;
  /** True when it answers OpenTSDB's `/api/query` and `/api/search/lookup`. */
  readonly speaksQueries: boolean;
  /** New, empty storage for one run. */
  prepare(): Promise<TargetStorage>;
}

export interface TargetStorage {
  start(): Promise<RunningTarget>;
  /** HBase tables holding the data points; the driver flushes and major-compacts them before measuring. */
  readonly hbaseDataTables: readonly string[];
  /** Bytes of stored points at rest, once stopped (and compacted, for HBase tables). */
  bytesOnDisk(): Promise<number>;
  discard(): Promise<void>;
}

export interface RunningTarget {
  /** Port of the telnet `put` listener. */
  readonly telnetPort: number;
  /** Port serving `/api/put` (and, where speaksQueries, `/api/query`). */
  readonly httpPort: number;
  /** The process whose peak RSS is reported. */
  readonly pid: number;
  /** Points the target has taken in so far (its own count, not what was sent). */
  pointsAdded(): Promise<number>;
  /** A clean stop: the target persists what it holds, as on a normal shutdown. */
  stop(): Promise<void>;
}

interface StatLine {
  readonly metric: string;
  readonly value: string | number;
  readonly tags: Readonly<Record<string, string>>;
}

/** `tsd.datapoints.added{type=all}` from `/api/stats`, where tsd-ts and OpenTSDB both count accepted points. */
export async function datapointsAdded(httpPort: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/api/stats`);
  const lines = (await res.json()) as StatLine[];
  const line = lines.find((l) => l.metric === 'tsd.datapoints.added' && l.tags.type === 'all');
  if (line === undefined) throw new Error(`No tsd.datapoints.added type=all in /api/stats on port ${httpPort}`);
  return Number(line.value);
}
