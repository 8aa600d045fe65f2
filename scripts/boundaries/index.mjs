#!/usr/bin/env node
// The data boundaries of the domains, checked: every `libs/<domain>` may read and write only the
// Prisma models it owns (declared once, in libs/db/src/model-owners.ts). A cross-domain read that
// a page or a report really needs lives in a `*.read-model.ts` file of the domain that serves it,
// with a `Why a read model:` comment; it may read, never write.
//
//   npm run boundaries            check; exits 1 and names each violation
//   npm run boundaries -- --list  each domain's models and who uses them (read/write, files)
//   npm run boundaries -- --graph the libraries' import graph in layers (a cycle is a problem too)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { readPrismaModels } from './prisma-schema.mjs';
import { scanSource } from './scan.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READ_MODEL_FILE = /\.read-model\.ts$/;
const READ_MODEL_REASON = /Why a read model:/;

export function loadOwnership() {
  const file = join(root, 'libs/db/src/model-owners.ts');
  const js = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const module = { exports: {} };
  new Function('module', 'exports', 'require', js)(module, module.exports, () => ({}));
  const { MODEL_OWNERS, APP_EXCEPTIONS, READ_MODELS = {} } = module.exports;
  const ownerOf = new Map();
  for (const [domain, models] of Object.entries(MODEL_OWNERS)) for (const model of models) ownerOf.set(model, domain);
  return { owners: MODEL_OWNERS, ownerOf, appExceptions: APP_EXCEPTIONS, readModels: READ_MODELS };
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'generated' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The domain a file belongs to: `libs/<domain>/…` → domain, `apps/<app>/…` → `app:<app>`. */
function domainOf(path) {
  const [top, name] = relative(root, path).split(sep);
  return top === 'libs' ? name : `app:${name}`;
}

export function analyse() {
  const models = readPrismaModels(join(root, 'prisma/schema.prisma'));
  const { owners, ownerOf, appExceptions, readModels } = loadOwnership();
  const namedReadModels = new Map(); // libs/<domain>/src/<name>.read-model.ts → declared reads
  for (const [domain, named] of Object.entries(readModels))
    for (const [name, { reads }] of Object.entries(named)) namedReadModels.set(`libs/${domain}/src/${name}.read-model.ts`, new Set(reads));
  const problems = [];
  for (const model of models.keys()) if (!ownerOf.has(model)) problems.push(`model ${model} has no owner in libs/db/src/model-owners.ts`);
  for (const model of ownerOf.keys())
    if (!models.has(model)) problems.push(`libs/db/src/model-owners.ts names ${model}, which is not a model of prisma/schema.prisma`);

  const uses = []; // { model, owner, domain, file, line, access, allowed, why }
  for (const path of [...sourceFiles(join(root, 'libs')), ...sourceFiles(join(root, 'apps'))]) {
    const file = relative(root, path).split(sep).join('/');
    const domain = domainOf(path);
    const text = readFileSync(path, 'utf8');
    const readModel = READ_MODEL_FILE.test(file);
    if (readModel && !READ_MODEL_REASON.test(text))
      problems.push(`${file}: a read model must say why it joins across domains (a "Why a read model:" comment)`);
    const exception = appExceptions.find((entry) => file.startsWith(entry.path));
    const declared = namedReadModels.get(file);
    namedReadModels.delete(file);
    for (const use of scanSource(file, text, models)) {
      const owner = ownerOf.get(use.model);
      let allowed = owner === domain;
      if (!allowed && readModel && use.access === 'read' && (!declared || declared.has(use.model))) allowed = true;
      if (!allowed && exception) allowed = true;
      uses.push({ ...use, owner, domain, file, allowed });
      if (!allowed) {
        const what = domain.startsWith('app:') ? `${domain.slice(4)} (an app: resolvers and controllers call services)` : domain;
        problems.push(
          `${file}:${use.line}: ${what} ${use.access === 'write' ? 'writes' : 'reads'} ${use.model}, owned by ${owner}${readModel && use.access === 'write' ? ' (a read model never writes)' : declared ? ' (not among the reads READ_MODELS declares for it)' : ''}`,
        );
      }
    }
  }
  for (const file of namedReadModels.keys())
    problems.push(`READ_MODELS in libs/db/src/model-owners.ts names ${file}, which does not exist`);
  const graph = importGraph();
  for (const cycle of cyclesOf(graph)) problems.push(`libs import each other in a cycle: ${cycle.join(' → ')}`);
  return { owners, uses, problems, graph };
}

/** lib → the libs it imports (`@omnibus/<lib>`, type-only imports included: they are dependencies too). */
function importGraph() {
  const graph = new Map();
  for (const lib of readdirSync(join(root, 'libs'))) {
    const deps = new Set();
    for (const path of sourceFiles(join(root, 'libs', lib))) {
      for (const match of readFileSync(path, 'utf8').matchAll(/from '@omnibus\/([a-z-]+)'/g)) if (match[1] !== lib) deps.add(match[1]);
    }
    graph.set(lib, deps);
  }
  return graph;
}

function cyclesOf(graph) {
  const cycles = [];
  const visit = (lib, path) => {
    if (path.includes(lib)) {
      cycles.push([...path.slice(path.indexOf(lib)), lib]);
      return;
    }
    for (const dep of graph.get(lib) ?? []) visit(dep, [...path, lib]);
  };
  for (const lib of graph.keys()) visit(lib, []);
  const seen = new Set();
  return cycles.filter((c) => {
    const key = [...c.slice(0, -1)].sort().join();
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The libraries in layers: each imports only libraries of the layers before it. */
function layers(graph) {
  const placed = new Map();
  const depth = (lib, stack = []) => {
    if (placed.has(lib)) return placed.get(lib);
    if (stack.includes(lib)) return 0;
    const d = Math.max(-1, ...[...(graph.get(lib) ?? [])].map((dep) => depth(dep, [...stack, lib]))) + 1;
    placed.set(lib, d);
    return d;
  };
  for (const lib of graph.keys()) depth(lib);
  const rows = [];
  for (const [lib, d] of placed) (rows[d] ??= []).push(lib);
  return rows
    .map(
      (libs, i) =>
        `  ${i}  ${libs
          .sort()
          .map((lib) => `${lib}${graph.get(lib).size ? ` (→ ${[...graph.get(lib)].sort().join(', ')})` : ''}`)
          .join('\n     ')}`,
    )
    .join('\n');
}

function list({ owners, uses }) {
  const lines = [];
  for (const [domain, models] of Object.entries(owners)) {
    lines.push(`${domain}`);
    for (const model of models) {
      const byUser = new Map();
      for (const use of uses.filter((u) => u.model === model)) {
        const key = use.domain;
        const entry = byUser.get(key) ?? { read: 0, write: 0, files: new Set(), foreign: key !== domain, allowed: true };
        entry[use.access] += 1;
        entry.files.add(use.file);
        entry.allowed &&= use.allowed;
        byUser.set(key, entry);
      }
      const users = [...byUser.entries()].sort(([a], [b]) => (a === domain ? -1 : b === domain ? 1 : a.localeCompare(b)));
      const text = users.map(([user, e]) => `${e.foreign ? (e.allowed ? '~' : '✗') : ''}${user} ${e.read}r/${e.write}w`).join(', ');
      lines.push(`  ${model.padEnd(24)} ${text || '(unused outside tests)'}`);
      for (const [user, e] of users)
        if (e.foreign) lines.push(`  ${''.padEnd(24)}   ${e.allowed ? '~' : '✗'} ${user}: ${[...e.files].join(', ')}`);
    }
  }
  const foreign = uses.filter((u) => u.owner !== u.domain);
  lines.push('', `✗ not allowed · ~ allowed (a read model, or an app exception with its reason) · r/w = reads/writes found`);
  lines.push(
    `${foreign.filter((u) => !u.allowed).length} cross-domain uses not allowed, in ${new Set(foreign.filter((u) => !u.allowed).map((u) => u.file)).size} files; ${foreign.filter((u) => u.allowed).length} allowed`,
  );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = analyse();
  if (process.argv.includes('--list')) console.log(list(result));
  if (process.argv.includes('--graph')) console.log(`libs in layers (each imports only earlier layers):\n${layers(result.graph)}`);
  if (result.problems.length) {
    console.error(`\nData boundaries: ${result.problems.length} problem(s)\n${result.problems.map((p) => `  ${p}`).join('\n')}`);
    console.error(
      "\nMove the access behind the owning domain's exported service, or (reads only) into a *.read-model.ts of the domain that serves it, with its reason.",
    );
    process.exit(1);
  }
  if (!process.argv.includes('--list'))
    console.log(`Data boundaries hold: ${result.uses.length} model uses, each by its owner or an allowed read model.`);
}
