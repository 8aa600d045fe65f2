import type { Response } from 'express';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { GraphQLMetrics, graphqlMetrics } from './graphql-metrics';

/** What a GraphQL request's log line carries (pino-http reads it from `res.locals.graphql` when the response ends). */
export interface GraphQLRequestLog {
  /** the operation name the client sent (or the one in the document); null for an anonymous operation */
  operation: string | null;
  /** the storefront's channel code (Shop API), once the channel token is resolved */
  channel?: string;
  /** `extensions.code` of each error in the answer, in order (INTERNAL_SERVER_ERROR when none) */
  errorCodes?: string[];
}

type ServerContext = { res?: Response };

/**
 * Notes the operation name, the channel and the answer's error codes on the Express response, so
 * the one request log line says which operation ran for which channel and how it failed (no
 * arguments or variables: they may carry personal data or secrets).
 */
export function requestLogPlugin(endpoint = 'graphql', metrics: GraphQLMetrics = graphqlMetrics): Plugin<object, ServerContext> {
  const started = new WeakMap<object, number>();
  const note = (res: Response | undefined, patch: Partial<GraphQLRequestLog>) => {
    if (!res?.locals) return;
    res.locals.graphql = { operation: null, ...(res.locals.graphql as GraphQLRequestLog | undefined), ...patch };
  };
  return {
    onParams({ params, context, request }) {
      started.set(request, performance.now());
      const named = params.operationName ?? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(params.query ?? '')?.[1];
      note(context.res, { operation: named ?? null });
    },
    onExecute({ args }) {
      const context = args.contextValue as ServerContext & { channel?: { code?: string } };
      if (context.channel?.code) note(context.res, { channel: context.channel.code });
    },
    onResultProcess({ result, serverContext, request }) {
      const results = Array.isArray(result) ? result : [result];
      const codes: string[] = [];
      for (const one of results) {
        if (!one || typeof one !== 'object' || !('errors' in one)) continue;
        for (const error of (one.errors ?? []) as readonly GraphQLError[]) {
          codes.push(typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR');
        }
      }
      if (codes.length) note(serverContext.res, { errorCodes: codes });
      const since = started.get(request);
      if (since !== undefined) {
        const operation = (serverContext.res?.locals?.graphql as GraphQLRequestLog | undefined)?.operation ?? null;
        metrics.observe(endpoint, operation, codes, (performance.now() - since) / 1000);
      }
    },
  };
}
