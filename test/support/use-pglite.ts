// e2e-pglite project: each test file gets its own in-memory embedded database
process.env.OMNIBUS_TEST_DB = 'pglite';
process.env.NODE_ENV = 'test';
process.env.JWT_SECRET ??= 'e2e-test-secret-not-for-production-0123456789';
