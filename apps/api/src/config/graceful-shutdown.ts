import { INestApplication, Logger } from '@nestjs/common';
import { Server } from 'node:http';
import { FlowRunner, SyncScheduler } from '@omnibus/erp-sync';

/**
 * SIGTERM / SIGINT: stop taking connections, wait for what is in flight (HTTP requests, sync runs, the
 * reservation sweep), close the database, and say so: one log line naming what the shutdown waits
 * for, one when it is done (with how long it took). A second signal, or OMNIBUS_SHUTDOWN_TIMEOUT_SECONDS
 * (default 30) passing, exits at once.
 */
export function handleShutdownSignals(app: INestApplication, env: NodeJS.ProcessEnv = process.env): void {
  const logger = new Logger('Shutdown');
  const timeoutSeconds = Number(env.OMNIBUS_SHUTDOWN_TIMEOUT_SECONDS || 30);
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, `${signal} again: exiting without waiting`);
      process.exit(1);
    }
    shuttingDown = true;
    void shutdown(signal);
  };
  const shutdown = async (signal: NodeJS.Signals) => {
    const started = Date.now();
    const connections = await openConnections(app.getHttpServer() as Server);
    // scheduled runs and the "sync now" runs that answered before they ended
    const syncRuns = app.get(SyncScheduler, { strict: false }).runsInFlight + app.get(FlowRunner, { strict: false }).runsInFlight;
    logger.log(
      { signal, openConnections: connections, syncRunsInFlight: syncRuns, timeoutSeconds },
      `${signal}: shutting down: no new connections; waiting for ${connections} open HTTP connection(s), ${syncRuns} sync run(s) in flight and the reservation sweep, then closing the database`,
    );
    const timer = setTimeout(() => {
      logger.error({ signal }, `shutdown did not finish within ${timeoutSeconds} s (OMNIBUS_SHUTDOWN_TIMEOUT_SECONDS): exiting anyway`);
      process.exit(1);
    }, timeoutSeconds * 1000);
    timer.unref();
    try {
      await app.close();
      logger.log({ signal, ms: Date.now() - started }, `shutdown complete in ${Date.now() - started} ms`);
      process.exit(0);
    } catch (error) {
      logger.error({ signal, err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}
