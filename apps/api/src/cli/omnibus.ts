// `npm run omnibus -- <command>`: operator tasks from the command line, on DATABASE_URL or the
// embedded database (OMNIBUS_DATA_DIR), as the server would open it (migrations apply first).
// Exit codes: 0 done, 1 the task failed (the message says why), 64 the command line is wrong.
import { LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AuthModule, ChannelGrant, ChannelRole, StaffUsersService } from '@omnibus/auth';
import { ChannelsModule, ChannelsService } from '@omnibus/channels';
import { ClientError } from '@omnibus/common';
import { DbModule, databaseConfigFromEnv, describeDatabase, PrismaService } from '@omnibus/db';
import { checkEnvironment } from '../config/environment.schema';
import { checkDatabaseReachable } from '../config/database-preflight';

class UsageError extends Error {}

const MIN_PASSWORD = 12;
const ROLES: Record<string, ChannelRole> = { manager: 'BRAND_MANAGER', brand_manager: 'BRAND_MANAGER', viewer: 'VIEWER' };

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  run(values: Record<string, string | boolean | string[] | undefined>): Promise<void>;
}

const out = (line: string): void => {
  process.stdout.write(line + '\n');
};

const COMMANDS: Record<string, Command> = {
  'create-user': {
    summary: 'create a staff user (a superadmin, or with grants on channels)',
    usage: [
      'create-user --email <email> --name <name> --password-stdin (--superadmin | --grant <role>:<channel code> …)',
      '  --email           the sign-in email (stored lower-case)',
      '  --name            the name staff see',
      `  --password-stdin  read the password (at least ${MIN_PASSWORD} characters) from standard input, so it never shows in ps or the shell history`,
      '  --superadmin      may do everything on every channel',
      '  --grant           manager:<channel> or viewer:<channel>; repeat for several channels',
    ].join('\n'),
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      superadmin: { type: 'boolean' },
      grant: { type: 'string', multiple: true },
    },
    async run(values) {
      const email = required(values, 'email');
      const name = required(values, 'name');
      const grantsArg = (values.grant as string[] | undefined) ?? [];
      if (!values.superadmin && grantsArg.length === 0) throw new UsageError('give --superadmin or at least one --grant <role>:<channel>');
      const specs = grantsArg.map((spec) => {
        const [roleName, code] = spec.split(':');
        const role = ROLES[roleName?.toLowerCase() ?? ''];
        if (!role || !code) throw new UsageError(`--grant ${spec}: expected manager:<channel code> or viewer:<channel code>`);
        return { spec, role, code };
      });
      const password = await passwordFromStdin(values);
      await withApp(async (app) => {
        const users = app.get(StaffUsersService);
        if (await users.findByEmail(email.trim()))
          throw new Error(`a staff user ${email.trim().toLowerCase()} exists already (reset-password changes their password)`);
        const channels = app.get(ChannelsService);
        const grants: ChannelGrant[] = [];
        for (const { spec, role, code } of specs) {
          const channel = await channels.findByCode(code);
          if (!channel) throw new Error(`--grant ${spec}: no channel with code "${code}"`);
          grants.push({ channelId: channel.id, role });
        }
        const user = await users.create('system', { email, name, password, superadmin: values.superadmin === true, grants });
        out(
          `created staff user ${user.email}${user.superadmin ? ' (superadmin)' : ''}${grants.length ? ` with ${grants.length} channel grant(s)` : ''}`,
        );
      });
    },
  },
  'reset-password': {
    summary: "set a staff user's password",
    usage: [
      'reset-password --email <email> --password-stdin',
      `  --password-stdin  read the new password (at least ${MIN_PASSWORD} characters) from standard input`,
    ].join('\n'),
    options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    async run(values) {
      const email = required(values, 'email');
      const password = await passwordFromStdin(values);
      await withApp(async (app) => {
        const user = await app.get(StaffUsersService).resetPassword('system', email, password);
        out(`password of ${user.email} changed`);
      });
    },
  },
  migrate: {
    summary: 'apply pending database migrations and exit',
    usage: 'migrate',
    options: {},
    async run() {
      // opening the database applies what is pending (PrismaService.open), and logs each migration
      await withApp(async (app) => out(`migrations applied; ${app.get(PrismaService).description} is up to date`));
    },
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'usage: npm run omnibus -- <command> [options]     (npm run omnibus -- <command> --help for its options)',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'The database is DATABASE_URL, or the embedded one in OMNIBUS_DATA_DIR (default .data/pglite).',
    'Exit codes: 0 done, 1 the task failed, 64 wrong command line.',
  ].join('\n');
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${name} is required`);
  return value;
}

async function passwordFromStdin(values: Record<string, unknown>): Promise<string> {
  if (values['password-stdin'] !== true) throw new UsageError('--password-stdin is required (the password is read from standard input)');
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD)
    throw new Error(`the password must have at least ${MIN_PASSWORD} characters (it has ${password.length})`);
  return password;
}

@Module({})
class CliModule {}

/**
 * What the commands print of the application's logs, on stderr: the database's lines (migrations)
 * and warnings or errors, as plain text; not Nest's start-up chatter, nor the server's note about a
 * missing JWT_SECRET (no tokens are signed here).
 */
const cliLogger: LoggerService = {
  log: (message: unknown, context?: string) => {
    if (context === 'Database') process.stderr.write(`[omnibus] ${text(message)}\n`);
  },
  warn: (message: unknown, context?: string) => {
    if (context !== 'Auth') process.stderr.write(`[omnibus] warning: ${text(message)}\n`);
  },
  error: (message: unknown) => process.stderr.write(`[omnibus] error: ${text(message)}\n`),
};

function text(message: unknown): string {
  if (message && typeof message === 'object' && 'msg' in message) return String((message as { msg: unknown }).msg);
  return typeof message === 'string' ? message : JSON.stringify(message);
}

/** The database (migrations applied) and the domains the commands use; no HTTP server, no schedulers. */
async function withApp(task: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<void>) {
  const config = databaseConfigFromEnv();
  process.stderr.write(`[omnibus] database: ${describeDatabase(config)}\n`);
  if (config.kind === 'postgres') await checkDatabaseReachable(config.url);
  const app = await NestFactory.createApplicationContext(
    { module: CliModule, imports: [DbModule.forRoot(), AuthModule, ChannelsModule] },
    { logger: cliLogger },
  );
  try {
    await task(app);
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? 0 : 64;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${help()}\n`);
    return 64;
  }
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nusage: npm run omnibus -- ${command.usage}\n`);
    return 64;
  }
  if (values.help) {
    out(`usage: npm run omnibus -- ${command.usage}`);
    return 0;
  }
  const { errors } = checkEnvironment(process.env);
  if (errors.length) {
    process.stderr.write(`the configuration has ${errors.length} problem(s):\n${errors.map((e) => `  - ${e}`).join('\n')}\n`);
    return 1;
  }
  try {
    await command.run(values);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\nusage: npm run omnibus -- ${command.usage}\n`);
      return 64;
    }
    const message = error instanceof ClientError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name} failed: ${message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`omnibus failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
