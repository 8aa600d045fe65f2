// Runs the jest projects one after the other, each in a process of its own: a single jest process
// running all ~125 suites in band grows until V8's heap limit stops it (seen: out of memory after
// ~70 suites), while each project alone stays well below. Every project runs even when an earlier
// one failed, and the summary names the ones that failed. Extra arguments go to each jest run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const PROJECTS = ['unit', 'e2e-pglite', 'e2e-postgres', 'tryton', 'browser'];
const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() };
const failed = [];
for (const project of PROJECTS) {
  const started = Date.now();
  process.stdout.write(`\n== jest project ${project}\n`);
  const run = spawnSync(process.execPath, ['--max-old-space-size=6144', jest, '--selectProjects', project, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env,
  });
  process.stdout.write(`== ${project}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s\n`);
  if (run.status !== 0) failed.push(project);
}
if (failed.length) {
  process.stdout.write(`\nFailed projects: ${failed.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('\nAll test projects passed.\n');
