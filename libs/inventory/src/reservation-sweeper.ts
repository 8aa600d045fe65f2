import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { inventoryConfigFromEnv } from './inventory-config';
import { ReservationService } from './reservation.service';

/**
 * Releases expired reservations every RESERVATION_SWEEP_INTERVAL_SECONDS in each API process.
 * Processes need no coordination: the sweep claims rows with SKIP LOCKED. The timer is unref'd so
 * it never keeps a process alive, and it stops before the database connection closes.
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReservationSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly intervalSeconds = inventoryConfigFromEnv().sweepIntervalSeconds;

  constructor(private readonly reservations: ReservationService) {}

  onApplicationBootstrap(): void {
    if (this.intervalSeconds <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One sweep, unless the previous one is still running (a slow database must not pile them up). */
  tick(): Promise<void> {
    if (this.stopped || this.running) return this.running ?? Promise.resolve();
    this.running = this.reservations
      .sweepExpired()
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!this.stopped) this.logger.warn({ err: error }, 'sweeping expired reservations failed; retrying next time');
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
