// The built server as an operator starts it: bad configuration and an unreachable database fail at
// once with one clear message (no stack), unknown settings are named, and a SIGTERM logs what the
// shutdown waits for and when it is done. Needs `npm run build` first (npm test builds).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort, MAIN } from './support/server-process';

interface Exit {
  code: number | null;
  output: string;
  ms: number;
}

function run(env: Record<string, string>): Promise<Exit> {
  const started = Date.now();
  // a clean environment: only what the test sets, plus PATH for the platform
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += String(c)));
  child.stderr.on('data', (c) => (output += String(c)));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output, ms: Date.now() - started })));
}

const STACK_LINE = /^\s+at /m;
// a server start on a busy shared machine can take tens of seconds
jest.setTimeout(120_000);

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
});

describe('start-up configuration', () => {
  it('PORT=abc fails at once naming the setting', async () => {
    const exit = await run({ PORT: 'abc' });
    expect(exit.code).toBe(2);
    expect(exit.output).toContain('PORT must be a port number (1-65535) (got "abc")');
    expect(exit.output).not.toMatch(STACK_LINE);
    expect(exit.output).not.toContain('DATABASE_URL');
  });

  it('lists every bad setting and names unknown ones', async () => {
    const exit = await run({ PORT: '0', SEED_DEMO: 'maybe', OMNIBUS_DATADIR: '/tmp/x' });
    expect(exit.code).toBe(2);
    expect(exit.output).toContain('the configuration has 2 problem(s)');
    expect(exit.output).toContain('PORT must be a port number');
    expect(exit.output).toContain('SEED_DEMO must be true or false (got "maybe")');
    expect(exit.output).toContain('OMNIBUS_DATADIR is not a setting Omnibus reads (did you mean OMNIBUS_DATA_DIR?)');
  });

  it('an unreachable PostgreSQL says which host and port it tried and what to check, without the password', async () => {
    const port = await freePort(); // nothing listens there
    const exit = await run({ DATABASE_URL: `postgresql://omnibus:hunter2@127.0.0.1:${port}/shop` });
    expect(exit.code).toBe(2);
    expect(exit.output).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port} (database "shop", user "omnibus")`);
    expect(exit.output).toContain('ECONNREFUSED');
    expect(exit.output).toContain("Check that PostgreSQL runs there and that DATABASE_URL's host and port are right");
    expect(exit.output).not.toContain('hunter2');
    expect(exit.output).not.toMatch(STACK_LINE);
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM logs what it waits for, then that it is done, and exits 0', async () => {
    const port = await freePort();
    const started = Date.now();
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        OMNIBUS_DATA_DIR: 'memory://',
        SEED_DEMO: 'false',
        SYNC_SCHEDULER: 'off',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += String(c)));
    child.stderr.on('data', (c) => (output += String(c)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    while (
      !(await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`server did not start:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // a request log line names the GraphQL operation and the error code (here: no storefront token)
    const probe = await fetch(`http://127.0.0.1:${port}/shop-api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Probe { __typename }' }),
    });
    expect(probe.status).toBeLessThan(500);
    // and the scrape counts it per operation and outcome
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('omnibus_graphql_requests_total{endpoint="/shop-api",operation="Probe",code="UNAUTHENTICATED"} 1');
    expect(metrics).toContain('omnibus_graphql_request_duration_seconds_count{endpoint="/shop-api",operation="Probe"} 1');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { context?: string; msg: string; syncRunsInFlight?: number });
    const requestLine = lines.find((l) => (l as { req?: { url?: string } }).req?.url === '/shop-api') as unknown as {
      graphql?: unknown;
      req: { headers: Record<string, unknown> };
    };
    expect(requestLine?.graphql).toEqual({ operation: 'Probe', errorCodes: ['UNAUTHENTICATED'] });
    const shutdown = lines.filter((l) => l.context === 'Shutdown');
    expect(shutdown.map((l) => l.msg)).toEqual([
      expect.stringMatching(
        /^SIGTERM: shutting down: no new connections; waiting for \d+ open HTTP connection\(s\), 0 sync run\(s\) in flight and the reservation sweep, then closing the database$/,
      ),
      expect.stringMatching(/^shutdown complete in \d+ ms$/),
    ]);
    expect(shutdown[0].syncRunsInFlight).toBe(0);
  });
});
