import { ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';

/**
 * Busy processes, one per core by default, for tests whose guarantee must hold on a loaded machine
 * (every request slower, timers late). Stop them in `finally`.
 */
export function startCpuLoad(workers = os.availableParallelism()): { stop(): void } {
  const children: ChildProcess[] = Array.from({ length: workers }, () =>
    spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random())'], { stdio: 'ignore' }),
  );
  return { stop: () => children.forEach((c) => c.kill('SIGKILL')) };
}
