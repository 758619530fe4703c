/**
 * The test HBase that jest's globalSetup (scripts/hbase harness) started for this run; without it
 * the tests fail with the harness's own message, never skip.
 */
import { HBaseStore } from '../../src/storage/hbase/hbase-store';
import { readHarnessInfo } from '../harness-env';

export function openTestStore(): Promise<HBaseStore> {
  const { zkQuorum, zkBasedir } = readHarnessInfo();
  return HBaseStore.open({ zkQuorum, zkBasedir });
}
