// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the CPU time went, by package and by function.
//   node bench/cpuprofile-summary.mjs <file.cpuprofile> [topN]
// "self" = time spent in the function itself; "inclusive" (packages) = time with that package anywhere on the stack.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Which package (or area) a call frame belongs to. */
export function packageOf(url, functionName = '') {
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return functionName;
    return '(native)';
  }
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const path = url.startsWith('file://') ? url.slice(7) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = path.indexOf('/dist/');
  if (dist >= 0) {
    const rest = path.slice(dist + 6).split('/');
    if (rest[0] === 'libs') return `omnibus:libs/${rest[1]}`;
    if (rest[0] === 'apps') return 'omnibus:apps';
    return 'omnibus';
  }
  return path;
}

export function summarise(profile, topN = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfUs].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;

  const selfByPkg = new Map();
  const inclByPkg = new Map();
  const selfByFn = new Map();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    const pkg = packageOf(url, functionName);
    selfByPkg.set(pkg, (selfByPkg.get(pkg) ?? 0) + us);
    const fnKey = `${functionName || '(anonymous)'}  ${pkg}${url ? `:${lineNumber + 1}` : ''}`;
    selfByFn.set(fnKey, (selfByFn.get(fnKey) ?? 0) + us);
    // inclusive: count each package once per stack
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame;
      const p = packageOf(f.url, f.functionName);
      if (!seen.has(p)) {
        seen.add(p);
        inclByPkg.set(p, (inclByPkg.get(p) ?? 0) + us);
      }
    }
  }
  const pct = (us) => Math.round((1000 * us) / busy) / 10;
  const top = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: pct(us) }));
  return {
    wallMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    idleMs: Math.round(idle / 1000),
    selfByPackage: top(selfByPkg, topN),
    inclusiveByPackage: top(inclByPkg, topN).filter((r) => !r.name.startsWith('(')),
    selfByFunction: top(selfByFn, topN),
  };
}

export function formatSummary(s) {
  const table = (title, rows, col) =>
    [
      `\n${title}`,
      `| ${col} | ms | % of busy |`,
      '|---|---:|---:|',
      ...rows.map((r) => `| \`${r.name.replace(/\|/g, '\\|')}\` | ${r.ms} | ${r.pct} |`),
    ].join('\n');
  return [
    `profile: ${s.wallMs} ms sampled, ${s.busyMs} ms busy, ${s.idleMs} ms idle. "Busy" samples include time the main thread` +
      ' waited for a CPU: on a saturated machine that time lands on the frame that was running, typically `writev`' +
      ' (sending a query wakes PostgreSQL, which then takes the core); compare with the CPU time from /proc.',
    table('Self time by package', s.selfByPackage, 'package'),
    table('Inclusive time by package (package anywhere on the stack)', s.inclusiveByPackage, 'package'),
    table('Self time by function', s.selfByFunction, 'function'),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/cpuprofile-summary.mjs <file.cpuprofile> [topN]');
    process.exit(2);
  }
  const summary = summarise(JSON.parse(readFileSync(file, 'utf8')), Number(process.argv[3] ?? 25));
  console.log(formatSummary(summary));
}
