import { Counter, Histogram, Registry } from 'prom-client';

/** operation names are the client's choice: past this many distinct names, the rest count as "other" */
const MAX_OPERATIONS = 200;

/**
 * Prometheus metrics of the GraphQL endpoints, per endpoint and operation name: requests by outcome
 * (`code`: OK, or the first error's extensions.code) and a latency histogram. Scraped at /metrics
 * together with the sync's metrics.
 */
export class GraphQLMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({
    name: 'omnibus_graphql_requests_total',
    help: 'GraphQL requests by endpoint, operation name and outcome (OK or the first error code)',
    labelNames: ['endpoint', 'operation', 'code'],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'omnibus_graphql_errors_total',
    help: 'errors in GraphQL answers by endpoint and extensions.code',
    labelNames: ['endpoint', 'code'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'omnibus_graphql_request_duration_seconds',
    help: 'GraphQL request latency by endpoint and operation name',
    labelNames: ['endpoint', 'operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  observe(endpoint: string, operation: string | null, errorCodes: readonly string[], seconds: number): void {
    const name = this.label(operation);
    this.requests.inc({ endpoint, operation: name, code: errorCodes[0] ?? 'OK' });
    for (const code of errorCodes) this.errors.inc({ endpoint, code });
    this.duration.observe({ endpoint, operation: name }, seconds);
  }

  private label(operation: string | null): string {
    if (!operation) return 'anonymous';
    if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(operation)) return 'other';
    if (this.operations.has(operation)) return operation;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(operation);
    return operation;
  }
}

/** one per process, like the HTTP server it measures */
export const graphqlMetrics = new GraphQLMetrics();
