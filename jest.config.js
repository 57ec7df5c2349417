/**
 * Tests are TypeScript, transpiled without type checking (npm test runs tsc first) by
 * test/ts-transform.js: esbuild, as npm start and the Lambda bundles do (ts-jest for the files that
 * call jest.mock, whose calls it hoists), which binds `Math` and `Number` per module (jest's vm context makes
 * every global read ~20x slower; the image fixtures' pixel loops spent most of their time there).
 * Two projects: `stack` (the files that start a local stack) shares one DynamoDB Local and one
 * s3rver per run (test/global-setup.ts; started only when one of its files runs), `unit` is
 * everything else. test/environment.js is jest's node environment, with its workers exiting
 * through process.exit() once their work is done (a large worker's full teardown outlasted jest's
 * 500 ms and drew "A worker process has failed to exit gracefully").
 */
const shared = {
  testEnvironment: '<rootDir>/test/environment.js',
  transform: {
    '^.+\\.ts$': ['<rootDir>/test/ts-transform.js', { diagnostics: false }],
    '^.+/node_modules/(@middy)/.+\\.m?js$': '<rootDir>/test/esm-transform.js',
  },
  // Transform the ES-module-only packages above; leave the rest of node_modules alone.
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  // No test sends traffic beyond loopback: no instance metadata, no DNS for webhook hosts.
  setupFiles: ['<rootDir>/test/setup-env.js'],
};
const STACK = ['<rootDir>/test/{api,e2e,stack,web,webhooks}/**/*.test.ts'];

module.exports = {
  testTimeout: 30000,
  // Two workers on CI's 2 cores: most files wait on DynamoDB Local, s3rver, Chromium and timers,
  // so two overlap well (a full run: ~990 s wall against ~1,490 s with jest's default of one).
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test', '<rootDir>/local', '<rootDir>/compiler', '<rootDir>/lambdas', '<rootDir>/lib'],
      testMatch: ['**/*.test.ts'],
      // test/parity runs in `npm run test:parity` (STUDIO_MODE=parity, after the synth it needs).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/(api|e2e|stack|web|webhooks)/', ...(process.env.STUDIO_MODE === 'parity' ? [] : ['<rootDir>/test/parity/'])],
    },
    {
      ...shared,
      displayName: 'stack',
      roots: ['<rootDir>/test'],
      testMatch: STACK,
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
