/**
 * The long reliability runs (`npm run test:soak`): test/soak/*.soak.ts, one at a time, with the same
 * HBase harness as `npm test`. Not part of `npm test` (its testMatch is *.test.ts).
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/soak/**/*.soak.ts'],
  testTimeout: 3_600_000,
  maxWorkers: 1,
};
