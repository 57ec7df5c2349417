/** Tests are TypeScript, transpiled by ts-jest without type checking (npm test runs tsc first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/local', '<rootDir>/compiler', '<rootDir>/lambdas', '<rootDir>/lib'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    '^.+/node_modules/(@middy)/.+\\.m?js$': '<rootDir>/test/esm-transform.js',
  },
  // Transform the ES-module-only packages above; leave the rest of node_modules alone.
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  testTimeout: 30000,
  // No test sends traffic beyond loopback: no instance metadata, no DNS for webhook hosts.
  setupFiles: ['<rootDir>/test/setup-env.js'],
};
