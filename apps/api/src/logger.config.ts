import { Params } from 'nestjs-pino';

/** Structured logs (pino): JSON lines in production, one readable line per event in a terminal. */
export function loggerParams(env: NodeJS.ProcessEnv = process.env): Params {
  const pretty = env.LOG_FORMAT === 'pretty';
  return {
    pinoHttp: {
      level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
      // never log credentials or storefront tokens
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers["x-channel-token"]',
          'req.headers.cookie',
          '*.password',
          '*.token',
        ],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (req) => req.url === '/health' },
      // a GraphQL request's line names its operation, the channel and the answer's error codes (requestLogPlugin)
      customProps: (_req, res) => {
        const graphql = (res as { locals?: { graphql?: unknown } }).locals?.graphql;
        return graphql ? { service: 'omnibus-api', graphql } : { service: 'omnibus-api' };
      },
      ...(pretty ? { transport: { target: 'pino/file', options: { destination: 1 } } } : {}),
    },
  };
}
