// e2e-postgres project: each test file gets a fresh database on TEST_DATABASE_URL's server
process.env.OMNIBUS_TEST_DB = 'postgres';
process.env.NODE_ENV = 'test';
process.env.JWT_SECRET ??= 'e2e-test-secret-not-for-production-0123456789';
