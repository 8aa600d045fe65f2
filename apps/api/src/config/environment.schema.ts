/**
 * Every environment setting the server reads, in one schema, checked once before anything starts
 * (main.ts and the CLI): a wrong value fails at once with the setting's name and what it must be,
 * instead of surfacing later as an unrelated error. The domains still read their own settings (their
 * parsers keep the defaults); this schema is the gate in front of them and the list docs/operations.md
 * documents.
 */
export type SettingKind =
  | { type: 'port' }
  | { type: 'int'; min: number }
  | { type: 'bool' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'postgres-url' }
  | { type: 'http-url' }
  | { type: 'timezone' }
  | { type: 'text' };

export interface Setting {
  kind: SettingKind;
  describe: string;
}

const seconds = (describe: string): Setting => ({ kind: { type: 'int', min: 1 }, describe });

export const SETTINGS: Record<string, Setting> = {
  PORT: { kind: { type: 'port' }, describe: 'HTTP port (default 3000)' },
  HOST: { kind: { type: 'text' }, describe: 'address to listen on (default 0.0.0.0)' },
  NODE_ENV: {
    kind: { type: 'enum', values: ['production', 'development', 'test'] },
    describe: 'production requires JWT_SECRET and turns GraphiQL off',
  },
  DATABASE_URL: {
    kind: { type: 'postgres-url' },
    describe: 'PostgreSQL (postgresql://user:password@host:5432/db); unset for the embedded database',
  },
  DATABASE_POOL_SIZE: { kind: { type: 'int', min: 1 }, describe: 'connections per process (default 10)' },
  OMNIBUS_DATA_DIR: { kind: { type: 'text' }, describe: 'embedded database folder (default .data/pglite; memory:// for none)' },
  OMNIBUS_SHUTDOWN_TIMEOUT_SECONDS: seconds('how long a shutdown waits for requests and sync runs before exiting anyway (default 30)'),
  SEED_DEMO: { kind: { type: 'bool' }, describe: 'load the demo data into an empty database (default: on the embedded database only)' },
  JWT_SECRET: { kind: { type: 'text' }, describe: 'signs staff tokens; required in production, at least 32 characters' },
  JWT_TTL_SECONDS: seconds('staff token lifetime (default 28800)'),
  LOG_LEVEL: { kind: { type: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }, describe: 'default info' },
  LOG_FORMAT: { kind: { type: 'enum', values: ['json', 'pretty'] }, describe: 'default json' },
  RESERVATION_TTL_SECONDS: seconds('how long a cart reservation holds stock (default 900)'),
  RESERVATION_SWEEP_INTERVAL_SECONDS: {
    kind: { type: 'int', min: 0 },
    describe: 'expired reservations released every … seconds (default 30, 0 = off)',
  },
  CUSTOMER_ACCESS_TTL_SECONDS: seconds('customer access token lifetime (default 900)'),
  CUSTOMER_REFRESH_TTL_SECONDS: seconds('customer refresh token lifetime (default 30 days)'),
  CUSTOMER_RESET_URL: { kind: { type: 'http-url' }, describe: 'storefront page a password-reset mail links to' },
  SYNC_SCHEDULER: {
    kind: { type: 'enum', values: ['on', 'off', 'true', 'false', '1', '0'] },
    describe: 'off: this process runs no flows by itself',
  },
  SYNC_TICK_MS: { kind: { type: 'int', min: 1 }, describe: 'how often the scheduler looks for due flows (default 1000)' },
  SYNC_TIMEZONE: { kind: { type: 'timezone' }, describe: 'IANA zone for cron times (default UTC)' },
  SYNC_PAGE_SIZE: { kind: { type: 'int', min: 1 }, describe: 'records per page a connector is asked for (default 500)' },
  SYNC_FLOW_LEASE_SECONDS: seconds('how long a run holds its flow between checkpoints (default 120)'),
  SYNC_EVENT_LEASE_SECONDS: seconds('how long a claimed outbox event stays claimed (default 60)'),
  SYNC_IN_DOUBT_SECONDS: seconds('after a process died mid-send, how long nobody sends its events again (default: the event lease)'),
  // the limits and switches of docs/security.md
  ...Object.fromEntries(
    (
      [
        ['GRAPHQL_MAX_BODY_BYTES', 'largest request body (default 1 MiB)'],
        ['GRAPHQL_MAX_NESTING', 'bracket and variable nesting (default 64)'],
        ['GRAPHQL_MAX_TOKENS', 'lexical tokens of a document (default 20,000)'],
        ['GRAPHQL_MAX_DEPTH', 'field depth (default 8)'],
        ['GRAPHQL_MAX_INTROSPECTION_DEPTH', 'depth inside introspection (default 15)'],
        ['GRAPHQL_MAX_ALIASES', 'aliases per operation (default 30)'],
        ['GRAPHQL_MAX_ROOT_FIELDS', 'top-level fields of a query (default 20)'],
        ['GRAPHQL_MAX_MUTATION_ROOT_FIELDS', 'top-level fields of a mutation (default 5)'],
        ['GRAPHQL_MAX_COMPLEXITY', 'complexity of an operation (default 3,000)'],
        ['GRAPHQL_TIMEOUT_MS', 'execution time of a request (default 10,000)'],
        ['THROTTLE_LOGIN_ACCOUNT', 'failed sign-ins per account per 15 min (default 10)'],
        ['THROTTLE_LOGIN_ADDRESS', 'failed sign-ins per client address per 15 min (default 100)'],
        ['THROTTLE_RESET_ACCOUNT', 'password resets per address per hour (default 5)'],
        ['THROTTLE_RESET_ADDRESS', 'password resets per client address per hour (default 30)'],
      ] as const
    ).map(([name, describe]) => [name, { kind: { type: 'int', min: 1 }, describe } satisfies Setting]),
  ),
  GRAPHQL_INTROSPECTION: { kind: { type: 'bool' }, describe: 'introspection and field suggestions (default: off in production only)' },
  METRICS_TOKEN: { kind: { type: 'text' }, describe: 'bearer token /metrics asks for (required for /metrics in production)' },
  SHOP_CORS_ORIGINS: {
    kind: { type: 'text' },
    describe: 'origins allowed on the Shop API besides the channels’ domains (comma-separated)',
  },
  ADMIN_CORS_ORIGINS: { kind: { type: 'text' }, describe: 'origins allowed on the Admin API (comma-separated; default none)' },
};

/**
 * Names in these families are ours: one the schema does not know is most likely a typo
 * (OMNIBUS_DATADIR, SYNC_TIMEZNOE) and is named at start-up. Other variables (PATH, connector
 * secrets named in connector settings, …) are none of the schema's business.
 */
const OUR_PREFIXES = ['OMNIBUS_', 'DATABASE_', 'JWT_', 'SYNC_', 'RESERVATION_', 'CUSTOMER_', 'SEED_', 'LOG_', 'GRAPHQL_', 'THROTTLE_'];
/** read by the test harness, not by the server */
const IGNORED = new Set(['OMNIBUS_TEST_DB']);

export interface EnvironmentReport {
  /** each a sentence naming the setting: the server must not start */
  errors: string[];
  /** settings named that nothing reads (with the nearest known name) */
  unknown: string[];
}

export function checkEnvironment(env: NodeJS.ProcessEnv): EnvironmentReport {
  const errors: string[] = [];
  for (const [name, setting] of Object.entries(SETTINGS)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const problem = checkValue(raw.trim(), setting.kind);
    if (problem) errors.push(`${name} ${problem} (got "${printable(name, raw)}")`);
  }
  if (env.NODE_ENV === 'production') {
    const secret = env.JWT_SECRET ?? '';
    if (!secret) errors.push('JWT_SECRET must be set when NODE_ENV=production (at least 32 random characters)');
    else if (secret.length < 32)
      errors.push(`JWT_SECRET must be at least 32 characters when NODE_ENV=production (it has ${secret.length})`);
  }
  const unknown = Object.keys(env)
    .filter((name) => OUR_PREFIXES.some((p) => name.startsWith(p)) && !(name in SETTINGS) && !IGNORED.has(name))
    .sort()
    .map((name) => {
      const near = nearest(name);
      return near ? `${name} is not a setting Omnibus reads (did you mean ${near}?)` : `${name} is not a setting Omnibus reads`;
    });
  return { errors, unknown };
}

function checkValue(raw: string, kind: SettingKind): string | null {
  switch (kind.type) {
    case 'port': {
      const n = Number(raw);
      return /^\d+$/.test(raw) && n >= 1 && n <= 65535 ? null : 'must be a port number (1-65535)';
    }
    case 'int': {
      const n = Number(raw);
      if (!/^-?\d+$/.test(raw)) return 'must be a whole number';
      return n >= kind.min ? null : `must be at least ${kind.min}`;
    }
    case 'bool':
      return ['true', 'false'].includes(raw) ? null : 'must be true or false';
    case 'enum':
      return kind.values.includes(raw.toLowerCase()) ? null : `must be one of ${kind.values.join(', ')}`;
    case 'postgres-url':
      if (!/^postgres(ql)?:\/\//.test(raw)) return 'must be a postgresql:// URL (unset it to use the embedded database)';
      return parsesAsUrl(raw) ? null : 'is not a valid URL (percent-encode special characters in the password)';
    case 'http-url':
      return /^https?:\/\//.test(raw) && parsesAsUrl(raw) ? null : 'must be an http(s):// URL';
    case 'timezone':
      try {
        new Intl.DateTimeFormat('en', { timeZone: raw });
        return null;
      } catch {
        return 'must be an IANA time zone such as UTC or Europe/Berlin';
      }
    case 'text':
      return null;
  }
}

function parsesAsUrl(raw: string): boolean {
  try {
    new URL(raw);
    return true;
  } catch {
    return false;
  }
}

/** never echo a secret back: a URL's password and JWT_SECRET are masked */
function printable(name: string, raw: string): string {
  if (name === 'JWT_SECRET') return '…';
  return raw.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@').slice(0, 80);
}

function nearest(name: string): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const known of Object.keys(SETTINGS)) {
    const d = distance(name, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

/** Levenshtein distance, for "did you mean" */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
