// The browser suite (npm run test:browser): the built review console (dist/console) served by the real
// application on a TCP port of its own, driven in Chromium (playwright-core, /usr/bin/chromium).
// It reuses the quick suite's setup: one migrated template database and the service's login role.
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: 'test/browser/.*\\.browser-spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 300000,
  maxWorkers: 1,
};
