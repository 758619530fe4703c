/**
 * Where the test HBase is: the ZooKeeper quorum that the jest globalSetup (scripts/hbase harness)
 * publishes. Missing = a failure that says what to do, never a skipped test.
 */
import { HBaseStore } from '../../src/storage/hbase/hbase-store';

export function testZkQuorum(): string {
  const quorum = process.env.TSD_TEST_ZK_QUORUM;
  if (!quorum) {
    throw new Error('No test HBase: TSD_TEST_ZK_QUORUM is not set (run the tests through `npm test`, whose globalSetup starts HBase; it needs Java 17+ and Maven)');
  }
  return quorum;
}

export function openTestStore(): Promise<HBaseStore> {
  return HBaseStore.open({ zkQuorum: testZkQuorum(), zkBasedir: process.env.TSD_TEST_ZK_BASEDIR ?? '/hbase' });
}
