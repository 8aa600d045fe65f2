import { checkEnvironment } from './environment.schema';

describe('checkEnvironment', () => {
  it('accepts an empty environment (every setting has a default)', () => {
    expect(checkEnvironment({})).toEqual({ errors: [], unknown: [] });
  });

  it('names each bad setting with what it must be', () => {
    const { errors } = checkEnvironment({
      PORT: 'abc',
      DATABASE_POOL_SIZE: '0',
      SEED_DEMO: 'yes',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      SYNC_TIMEZONE: 'Mars/Base',
    });
    expect(errors).toEqual([
      'PORT must be a port number (1-65535) (got "abc")',
      'DATABASE_URL must be a postgresql:// URL (unset it to use the embedded database) (got "mysql://x")',
      'DATABASE_POOL_SIZE must be at least 1 (got "0")',
      'SEED_DEMO must be true or false (got "yes")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'SYNC_TIMEZONE must be an IANA time zone such as UTC or Europe/Berlin (got "Mars/Base")',
    ]);
  });

  it('rejects ports out of range and accepts a good one', () => {
    expect(checkEnvironment({ PORT: '70000' }).errors).toHaveLength(1);
    expect(checkEnvironment({ PORT: '8080', SYNC_TIMEZONE: 'Europe/Berlin' }).errors).toEqual([]);
  });

  it('never echoes a password or the JWT secret', () => {
    const { errors } = checkEnvironment({
      DATABASE_URL: 'postgresql://app:s3cret@db:port/x',
      NODE_ENV: 'production',
      JWT_SECRET: 'short-secret',
    });
    expect(errors.join('\n')).not.toMatch(/s3cret|short-secret/);
    expect(errors[0]).toBe(
      'DATABASE_URL is not a valid URL (percent-encode special characters in the password) (got "postgresql://app:***@db:port/x")',
    );
    expect(errors).toContain('JWT_SECRET must be at least 32 characters when NODE_ENV=production (it has 12)');
  });

  it('requires JWT_SECRET in production', () => {
    expect(checkEnvironment({ NODE_ENV: 'production' }).errors).toEqual([
      'JWT_SECRET must be set when NODE_ENV=production (at least 32 random characters)',
    ]);
  });

  it('names unknown settings of our families, with the nearest known name', () => {
    const { unknown, errors } = checkEnvironment({
      OMNIBUS_DATADIR: 'x',
      SYNC_TIMEZNOE: 'UTC',
      OMNIBUS_COLOUR: 'red',
      PATH: '/bin',
      OMNIBUS_TEST_DB: 'pglite',
    });
    expect(errors).toEqual([]);
    expect(unknown).toEqual([
      'OMNIBUS_COLOUR is not a setting Omnibus reads',
      'OMNIBUS_DATADIR is not a setting Omnibus reads (did you mean OMNIBUS_DATA_DIR?)',
      'SYNC_TIMEZNOE is not a setting Omnibus reads (did you mean SYNC_TIMEZONE?)',
    ]);
  });
});

describe('the security and sync settings', () => {
  it('checks the limits and throttles at start-up, not at the first request', () => {
    expect(checkEnvironment({ GRAPHQL_MAX_DEPTH: 'deep', THROTTLE_LOGIN_ACCOUNT: '0' }).errors).toEqual([
      expect.stringContaining('GRAPHQL_MAX_DEPTH'),
      expect.stringContaining('THROTTLE_LOGIN_ACCOUNT'),
    ]);
    expect(checkEnvironment({ SYNC_IN_DOUBT_SECONDS: '30', GRAPHQL_INTROSPECTION: 'true', METRICS_TOKEN: 'x' })).toEqual({
      errors: [],
      unknown: [],
    });
    expect(checkEnvironment({ GRAPHQL_MAX_DEPHT: '9' }).unknown).toEqual([expect.stringContaining('GRAPHQL_MAX_DEPTH')]);
  });
});
