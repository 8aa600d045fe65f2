// e2e-postgres project: each test file gets a fresh database on TEST_DATABASE_URL's server
process.env.OMNIBUS_TEST_DB = 'postgres';
process.env.NODE_ENV = 'test';
process.env.JWT_SECRET ??= 'e2e-test-secret-not-for-production-0123456789';
// the sync scheduler polls the database every second: off unless a test asks for it (tests drive the
// flows themselves; spawned servers get SYNC_SCHEDULER=on explicitly where a test wants it)
process.env.SYNC_SCHEDULER ??= 'off';
