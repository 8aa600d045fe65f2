// Does package.json's `engines.node` tell the truth? Every installed package (node_modules, dev
// tools included) that declares engines.node must accept every Node version the root range allows
// (semver.subset); otherwise the root promises a Node that some dependency does not support.
// Prints the packages that narrow the range, and whether the Node running this script is inside it.
// Exit 1 when the declaration is wider than what the dependencies accept.
// `--explain` lists every package that declares more than Node 20 (the machines' Node, see docs/operations.md).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import semver from 'semver';

const root = resolve(import.meta.dirname, '../..');
const declared = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node;

function* packages(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      yield* packages(path);
      continue;
    }
    const manifest = join(path, 'package.json');
    if (existsSync(manifest)) {
      try {
        yield { path, json: JSON.parse(readFileSync(manifest, 'utf8')) };
      } catch {
        // a package.json that is not JSON (fixtures inside packages) says nothing about engines
      }
    }
    yield* packages(join(path, 'node_modules'));
  }
}

const narrower = [];
const above20 = [];
for (const { json } of packages(join(root, 'node_modules'))) {
  const range = json.engines?.node;
  if (typeof range !== 'string' || !json.name || !semver.validRange(range)) continue;
  const id = `${json.name}@${json.version}`;
  if (!semver.subset(declared, range, { includePrerelease: false })) narrower.push(`${id}: ${range}`);
  if (!semver.satisfies('20.20.2', range)) above20.push(`${id}: ${range}`);
}

const running = process.versions.node;
process.stdout.write(`engines.node declared: ${declared}\n`);
if (process.argv.includes('--explain')) {
  process.stdout.write(`installed packages that do not accept Node 20.20.2 (${above20.length}):\n`);
  for (const line of [...new Set(above20)].sort()) process.stdout.write(`  ${line}\n`);
}
if (!semver.satisfies(running, declared)) {
  process.stdout.write(`WARNING: this is Node ${running}, outside the declared range: the run is on an unsupported Node\n`);
}
if (narrower.length) {
  process.stdout.write(`engines.node is wider than ${narrower.length} installed package(s) accept:\n`);
  for (const line of [...new Set(narrower)].sort()) process.stdout.write(`  ${line}\n`);
  process.exit(1);
}
process.stdout.write('every installed package accepts the declared range\n');
