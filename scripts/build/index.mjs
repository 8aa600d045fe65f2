// Builds the server only when its inputs changed: `npm start` runs this first, so a start with nothing
// changed skips the ~25 s `nest build` and boots in a couple of seconds (docs/operations.md).
// The stamp (dist/.build-stamp) is a SHA-256 over the path and content of every build input: the
// sources under apps/ and libs/ (specs excluded, the generated Prisma client included), the TypeScript
// and Nest configuration, prisma/schema.prisma and package-lock.json (a dependency change rebuilds).
// `--force` builds regardless (npm run build); `--check` only says whether a build is needed (exit 1).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const stampFile = join(root, 'dist', '.build-stamp');
const entry = join(root, 'dist', 'apps', 'api', 'src', 'main.js');
const INPUT_DIRS = ['apps', 'libs'];
const INPUT_FILES = ['tsconfig.json', 'nest-cli.json', 'package-lock.json', 'prisma/schema.prisma'];

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* sourceFiles(path);
    } else if (/\.(ts|cts|mts|js|cjs|mjs|json|node|wasm)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) {
      yield path;
    }
  }
}

export function buildStamp() {
  const hash = createHash('sha256');
  const files = [...INPUT_DIRS.flatMap((d) => [...sourceFiles(join(root, d))]), ...INPUT_FILES.map((f) => join(root, f))];
  for (const file of files.sort()) {
    if (!existsSync(file)) continue;
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function main() {
  const force = process.argv.includes('--force');
  const started = Date.now();
  const stamp = buildStamp();
  const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
  const fresh = !force && previous === stamp && existsSync(entry);
  if (process.argv.includes('--check')) {
    process.stdout.write(fresh ? 'build is up to date\n' : 'build is stale\n');
    process.exit(fresh ? 0 : 1);
  }
  if (fresh) return;
  const why = force ? 'requested' : previous ? 'sources changed since the last build' : 'no build yet';
  process.stderr.write(`[build] building the server (${why}); later starts skip this while nothing changes\n`);
  const nest = createRequire(import.meta.url).resolve('@nestjs/cli/bin/nest.js');
  const result = spawnSync(process.execPath, [nest, 'build', 'api'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('[build] the build failed (see above); fix the error and start again\n');
    process.exit(result.status ?? 1);
  }
  // the stamp of the inputs as they were when the build began: an edit during the build rebuilds next time
  writeFileSync(stampFile, stamp + '\n');
  process.stderr.write(`[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main();
