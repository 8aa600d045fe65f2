import { Client } from 'pg';

/** Thrown when PostgreSQL cannot be used; its message says what was tried and what to check (no stack). */
export class DatabaseUnreachableError extends Error {}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * One connection attempt before anything else starts, so an unreachable or misconfigured database is
 * reported in one sentence (host, port, database, user, the reason, what to check) within seconds,
 * rather than as a driver stack from inside the migrations.
 */
export async function checkDatabaseReachable(url: string): Promise<void> {
  const target = new URL(url);
  const host = target.hostname || 'localhost';
  const port = target.port || '5432';
  const database = decodeURIComponent(target.pathname.replace(/^\//, '')) || '(default)';
  const user = decodeURIComponent(target.username) || '(default)';
  const where = `PostgreSQL at ${host}:${port} (database "${database}", user "${user}")`;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // a connection that dies later emits 'error'; without a listener it would crash the process
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new DatabaseUnreachableError(`cannot reach ${where}: ${explain(error, host, port, database, user)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function explain(error: unknown, host: string, port: string, database: string, user: string): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused (ECONNREFUSED): nothing listens on ${host}:${port}. Check that PostgreSQL runs there and that DATABASE_URL's host and port are right`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name "${host}" does not resolve (${code}). Check the host in DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route or no answer (${code}). Check the host, the port and any firewall between here and ${host}`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the login for user "${user}" (${code}). Check the user and password in DATABASE_URL and pg_hba.conf`;
    case '3D000':
      return `the database "${database}" does not exist (3D000). Create it (createdb ${database}) or fix the name in DATABASE_URL`;
    default:
      if (/timeout/i.test(message)) {
        return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s. Check the host, the port and any firewall between here and ${host}`;
      }
      return `${message}${code ? ` (${code})` : ''}. Check DATABASE_URL`;
  }
}
