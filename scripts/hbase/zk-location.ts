import { HarnessError } from './harness-error';

/** Where a running HBase's ZooKeeper is: `host:port` and the base znode (`/hbase`). */
export interface ZkLocation {
  readonly zkQuorum: string;
  readonly zkBasedir: string;
}

/** Splits `host:port` (the first entry of a quorum list). */
export function splitQuorum(quorum: string): [string, string] {
  const first = quorum.split(',')[0] ?? '';
  const m = /^(.+):(\d+)$/.exec(first.trim());
  if (m === null) throw new HarnessError(`Cannot read ZooKeeper quorum '${quorum}': expected host:port`);
  return [m[1] as string, m[2] as string];
}
