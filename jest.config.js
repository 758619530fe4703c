/** Jest runs the TypeScript sources directly through ts-jest (type errors are caught by `npm run lint`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }] },
  testTimeout: 60000,
  // One real HBase for the whole run (scripts/hbase); its ZooKeeper quorum reaches the workers
  // as TSD_TEST_ZK_QUORUM.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
