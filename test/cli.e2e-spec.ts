// `npm run omnibus -- …` as an operator runs it: the built CLI on a fresh embedded database folder.
// Each command's --help, its failures (non-zero exit, one clear line), and its effect: a user created
// on the command line signs in to the Admin API of a server opened on the same folder.
// Needs `npm run build` first (npm test builds).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PasswordHasher } from '@omnibus/auth';
import { PGlite } from '@electric-sql/pglite';

const CLI = resolve(__dirname, '../dist/apps/api/src/cli/omnibus.js');
// each command boots the domains and opens the embedded database: seconds each on a busy machine
jest.setTimeout(180_000);

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function omnibus(args: string[], options: { stdin?: string; dataDir: string }): Promise<Exit> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', OMNIBUS_DATA_DIR: options.dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += String(c)));
  child.stderr.on('data', (c) => (stderr += String(c)));
  child.stdin.end(options.stdin ?? '');
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

describe('the omnibus command line', () => {
  let dataDir: string;
  const run = (args: string[], stdin?: string) => omnibus(args, { stdin, dataDir });

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
    dataDir = mkdtempSync(join(tmpdir(), 'omnibus-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists its commands; a command without one or an unknown one exits 64', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['create-user', 'reset-password', 'migrate']) expect(help.stdout).toContain(name);
    expect((await run([])).code).toBe(64);
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it.each(['create-user', 'reset-password', 'migrate'])('%s --help shows its usage', async (name) => {
    const res = await run([name, '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`usage: npm run omnibus -- ${name}`);
  });

  it('migrate applies the migrations to a fresh folder, and again finds nothing to do', async () => {
    const first = await run(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/applied \d+ migration\(s\)/);
    expect(first.stdout).toContain('is up to date');
    const again = await run(['migrate']);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/applying migration/);
  });

  it('create-user refuses a wrong command line (64) and a short password (1), writing nothing', async () => {
    const noRole = await run(['create-user', '--email', 'a@b.test', '--name', 'A', '--password-stdin'], 'long-enough-password');
    expect(noRole.code).toBe(64);
    expect(noRole.stderr).toContain('give --superadmin or at least one --grant');
    const badGrant = await run(
      ['create-user', '--email', 'a@b.test', '--name', 'A', '--password-stdin', '--grant', 'boss:x'],
      'long-enough-password',
    );
    expect(badGrant.code).toBe(64);
    expect(badGrant.stderr).toContain('--grant boss:x: expected manager:<channel code> or viewer:<channel code>');
    const unknownOption = await run(['create-user', '--colour', 'red']);
    expect(unknownOption.code).toBe(64);
    const short = await run(['create-user', '--email', 'a@b.test', '--name', 'A', '--superadmin', '--password-stdin'], 'short');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('the password must have at least 12 characters (it has 5)');
    const unknownChannel = await run(
      ['create-user', '--email', 'a@b.test', '--name', 'A', '--grant', 'viewer:nowhere', '--password-stdin'],
      'long-enough-password',
    );
    expect(unknownChannel.code).toBe(1);
    expect(unknownChannel.stderr).toContain('no channel with code "nowhere"');
  });

  it('create-user and reset-password change what the database holds (the password hash verifies)', async () => {
    const created = await run(
      ['create-user', '--email', 'Ops@Example.test', '--name', 'Ops', '--superadmin', '--password-stdin'],
      'first-password-123\n',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('created staff user ops@example.test (superadmin)');
    const twice = await run(
      ['create-user', '--email', 'ops@example.test', '--name', 'Ops', '--superadmin', '--password-stdin'],
      'first-password-123',
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('exists already');

    const reset = await run(['reset-password', '--email', 'ops@example.test', '--password-stdin'], 'second-password-456\n');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('password of ops@example.test changed');
    const missing = await run(['reset-password', '--email', 'nobody@example.test', '--password-stdin'], 'second-password-456');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/reset-password failed: .*nobody@example.test/);

    const db = await PGlite.create(dataDir);
    try {
      const { rows } = await db.query<{ passwordHash: string; superadmin: boolean }>(
        `SELECT "passwordHash", superadmin FROM "StaffUser" WHERE email = 'ops@example.test'`,
      );
      expect(rows).toHaveLength(1);
      // the refused create-user calls above left nothing behind
      expect((await db.query(`SELECT 1 FROM "StaffUser" WHERE email = 'a@b.test'`)).rows).toHaveLength(0);
      expect(rows[0].superadmin).toBe(true);
      const hasher = new PasswordHasher();
      expect(await hasher.verify(rows[0].passwordHash, 'second-password-456')).toBe(true);
      expect(await hasher.verify(rows[0].passwordHash, 'first-password-123')).toBe(false);
    } finally {
      await db.close();
    }
  });
});
