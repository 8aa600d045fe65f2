// One base for every jest project; the projects differ only in what they run and on which database.
const LIBS = 'common|db|events|channels|catalog|auth|pricing|inventory|customers|orders|billing|returns|erp-sync|reporting|audit';

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Nest 12 ships ESM: transform it with swc like our own sources
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleNameMapper: { [`^@omnibus/(${LIBS})$`]: '<rootDir>/libs/$1/src' },
};

const e2e = { testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/tryton-'] };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    { ...base, ...e2e, displayName: 'e2e-pglite', setupFiles: ['<rootDir>/test/support/use-pglite.ts'] },
    { ...base, ...e2e, displayName: 'e2e-postgres', setupFiles: ['<rootDir>/test/support/use-postgres.ts'] },
    // the dashboard in a real Chromium (Debian's, see test/support/browser.ts) against the built SPA, on PostgreSQL
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
      setupFiles: ['<rootDir>/test/support/use-postgres.ts'],
    },
    {
      ...base,
      displayName: 'tryton',
      testMatch: ['<rootDir>/test/tryton-*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/use-pglite.ts'],
    },
  ],
};
