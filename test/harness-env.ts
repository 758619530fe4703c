/**
 * How jest's globalSetup tells test workers where the shared HBase is: env vars for the common
 * case, and a JSON file (path in TSD_TEST_HARNESS_FILE) with the rest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestHarnessInfo {
  /** `127.0.0.1:<port>` of the HBase's ZooKeeper. */
  readonly zkQuorum: string;
  readonly zkBasedir: string;
  /** This jest run's scratch folder (oracle records); removed by globalTeardown. */
  readonly runDir: string;
  /** True when the HBase is the one `npm run hbase:start` left running (teardown leaves it up). */
  readonly reused: boolean;
}

export const HARNESS_FILE_ENV = 'TSD_TEST_HARNESS_FILE';
export const ZK_QUORUM_ENV = 'TSD_TEST_ZK_QUORUM';
export const ZK_BASEDIR_ENV = 'TSD_TEST_ZK_BASEDIR';

/** Publishes `info` to this process's env (inherited by the workers jest starts afterwards). */
export function publishHarnessInfo(info: TestHarnessInfo): void {
  const file = join(info.runDir, 'harness.json');
  writeFileSync(file, JSON.stringify(info));
  process.env[HARNESS_FILE_ENV] = file;
  process.env[ZK_QUORUM_ENV] = info.zkQuorum;
  process.env[ZK_BASEDIR_ENV] = info.zkBasedir;
}

/** What globalSetup published; throws when the test runs without it. */
export function readHarnessInfo(): TestHarnessInfo {
  const file = process.env[HARNESS_FILE_ENV];
  if (file === undefined || file === '') {
    throw new Error(`Cannot find the test HBase: ${HARNESS_FILE_ENV} is not set ` +
      '(run the tests through jest with the project jest.config.js, whose globalSetup starts HBase)');
  }
  return JSON.parse(readFileSync(file, 'utf8')) as TestHarnessInfo;
}
