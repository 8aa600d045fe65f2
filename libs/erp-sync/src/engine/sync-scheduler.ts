import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { FlowRunner } from './flow-runner';

/** SYNC_SCHEDULER=off stops this process from running flows on its own (another process, or tests, drive them). */
export function schedulerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['off', 'false', '0'].includes((env.SYNC_SCHEDULER ?? 'on').toLowerCase());
}

const TICK_MS = Number(process.env.SYNC_TICK_MS ?? 1000);

/**
 * Looks once a tick for flows that are due (their next run time passed, or someone pressed
 * "sync now") and runs them. Every process may run a scheduler: the flow lease decides who runs.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SyncScheduler');
  private timer?: NodeJS.Timeout;
  private readonly running = new Set<Promise<unknown>>();
  private ticking = false;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly runner: FlowRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (!schedulerEnabled()) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** sync runs this process has started and not finished (what a shutdown waits for) */
  get runsInFlight(): number {
    return this.running.size;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    // runs in flight finish (their work is checkpointed anyway) before the database closes
    await Promise.allSettled([...this.running]);
  }

  /** One look at the flows; also what tests call instead of waiting for the timer. */
  async tick(now: Date = new Date()): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const due = await this.prisma.syncFlow.findMany({
        where: {
          enabled: true,
          connector: { enabled: true },
          OR: [{ nextRunAt: { lte: now } }, { requestedAt: { not: null } }],
          AND: [{ OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] }],
        },
        select: { id: true, connectorId: true, flow: true, requestedAt: true, mode: true },
        orderBy: { nextRunAt: 'asc' },
      });
      // a flow whose dependency is due too (stock and items of one connector) starts when that run ends
      const started = new Map<string, Promise<unknown>>();
      const depth = (flow: string) => this.runner.definition(flow)?.dependsOn?.length ?? 0;
      for (const flow of [...due].sort((a, b) => depth(a.flow) - depth(b.flow))) {
        const trigger = flow.requestedAt ? 'manual' : flow.mode === 'BATCH' ? 'schedule' : 'realtime';
        const first = (this.runner.definition(flow.flow)?.dependsOn ?? [])
          .filter((name) => due.some((d) => d.connectorId === flow.connectorId && d.flow === name))
          .map((name) => started.get(`${flow.connectorId}/${name}`) ?? Promise.resolve());
        const run = Promise.allSettled(first)
          .then(() => this.runner.run(flow.id, trigger))
          .catch((error) => this.logger.error({ msg: 'sync run crashed', flowId: flow.id, error: (error as Error).message }))
          .finally(() => this.running.delete(run));
        started.set(`${flow.connectorId}/${flow.flow}`, run);
        this.running.add(run);
      }
    } catch (error) {
      this.logger.error({ msg: 'sync tick failed', error: (error as Error).message });
    } finally {
      this.ticking = false;
    }
  }
}
