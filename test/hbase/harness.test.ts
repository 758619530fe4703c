/** The shared test HBase that globalSetup started (scripts/hbase), seen from a test worker. */
import { createTables, splitQuorum } from '../../scripts/hbase/create-tables';
import { openTsdbTableNames, openTsdbTableSpecs } from '../../scripts/hbase/opentsdb-tables';
import { zkExists } from '../../scripts/hbase/zk-probe';
import { readHarnessInfo, ZK_QUORUM_ENV } from '../harness-env';

describe('test HBase harness', () => {
  const harness = readHarnessInfo();
  const [host, port] = splitQuorum(harness.zkQuorum);

  it('publishes its ZooKeeper quorum to workers as a loopback host:port', () => {
    expect(process.env[ZK_QUORUM_ENV]).toBe(harness.zkQuorum);
    expect(harness.zkQuorum).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('has hbase:meta located in ZooKeeper', async () => {
    await expect(zkExists(host, Number(port), `${harness.zkBasedir}/meta-region-server`)).resolves.toBe(true);
    await expect(zkExists(host, Number(port), `${harness.zkBasedir}/no-such-znode`)).resolves.toBe(false);
  });

  it('createTables creates missing tables and leaves existing ones alone', async () => {
    const tables = openTsdbTableNames(`harness_${Date.now().toString(36)}_`);
    const specs = openTsdbTableSpecs(tables).slice(0, 2); // tsdb-uid and tsdb
    const first = await createTables(harness, specs);
    expect(first).toEqual({ created: [tables.uid, tables.data], existing: [] });
    const again = await createTables(harness, specs);
    expect(again).toEqual({ created: [], existing: [tables.uid, tables.data] });
  }, 120_000);
});
