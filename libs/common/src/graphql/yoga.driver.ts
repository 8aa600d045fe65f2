import { Injectable, Logger } from '@nestjs/common';
import { AbstractGraphQLDriver, GqlModuleOptions } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { pruneSchema } from '@graphql-tools/utils';
import { createYoga, GraphiQLOptions, YogaServerInstance } from 'graphql-yoga';
import { toClientError } from '../errors/to-client-error';
import { graphqlHttpGuard } from './http-guard';
import { limitsPlugin } from './limits.plugin';
import { queryLimitsFromEnv, QueryLimits } from './query-limits';
import { requestLogPlugin } from './request-log.plugin';

export interface HttpContext {
  req: Request;
  res: Response;
}

export interface YogaDriverOptions extends GqlModuleOptions {
  /** builds the per-request context; throwing a ClientError rejects the request with no data */
  buildContext?: (http: HttpContext) => Promise<object> | object;
  limits?: QueryLimits;
  graphiql?: boolean;
  /** whether a browser page from this origin may call the endpoint (CORS, with credentials); none by default */
  allowOrigin?: (origin: string) => boolean | Promise<boolean>;
  /** schema introspection and "Did you mean …" suggestions (off in production unless enabled) */
  introspection?: boolean;
}

/** Headers a browser may send cross-origin to the GraphQL endpoints. */
const CORS_HEADERS = ['content-type', 'authorization', 'x-channel-token', 'x-api-key'];

/**
 * Serves a Nest code-first schema with GraphQL Yoga (which supports graphql 17; Apollo Server 5 and
 * Mercurius do not yet). One instance per endpoint: /shop-api and /admin-api each get their own.
 */
@Injectable()
export class YogaDriver extends AbstractGraphQLDriver<YogaDriverOptions> {
  /** the schema served at each endpoint path, for the schema printer (`npm run schema`) and its check */
  private static readonly served = new Map<string, GraphQLSchema>();
  static schemaAt(path: string): GraphQLSchema | undefined {
    return YogaDriver.served.get(path);
  }

  private readonly logger = new Logger('GraphQL');
  private yoga?: YogaServerInstance<HttpContext, object>;

  async start(options: YogaDriverOptions): Promise<void> {
    const path = this.getNormalizedPath(options);
    const limits = options.limits ?? queryLimitsFromEnv();
    // Nest registers every type a @ResolveField returns in every schema; keep only what this endpoint reaches
    const schema = pruneSchema(options.schema!);
    YogaDriver.served.set(path, schema);
    const buildContext = options.buildContext;
    this.yoga = createYoga<HttpContext, object>({
      schema,
      graphqlEndpoint: path,
      graphiql: options.graphiql ?? false,
      // Yoga's own page loads GraphiQL from a CDN; this one carries its assets inline (no internet needed)
      renderGraphiQL: renderOfflineGraphiQL,
      landingPage: false,
      logging: false,
      context: async ({ req, res }) => ({ req, res, ...(buildContext ? await buildContext({ req, res }) : {}) }),
      maskedErrors: {
        maskError: (error: unknown) => {
          const mapped = toClientError(error);
          if (mapped.internal) this.logger.error({ err: originalOf(error), path }, 'unexpected error in GraphQL request');
          const source = error instanceof GraphQLError ? error : undefined;
          return new GraphQLError(mapped.error.message, {
            nodes: source?.nodes,
            path: source?.path,
            extensions: mapped.error.extensions,
          });
        },
      },
      // an allowed origin is named exactly; any other gets no CORS headers at all (never a reflected Origin)
      cors: async (request) => {
        const origin = request.headers.get('origin');
        if (!origin || !options.allowOrigin || !(await options.allowOrigin(origin))) return false;
        return { origin: [origin], credentials: true, methods: ['GET', 'POST'], allowedHeaders: CORS_HEADERS, maxAge: 600 };
      },
      plugins: [limitsPlugin(limits, { introspection: options.introspection ?? true }), requestLogPlugin(path)],
    });
    const app = this.httpAdapterHost.httpAdapter.getInstance();
    // a route (not app.use) keeps req.url intact, which Yoga matches against graphqlEndpoint
    app.all(path, graphqlHttpGuard(limits.maxBodyBytes), (req: Request, res: Response) => this.yoga!(req, res, { req, res }));
  }

  async stop(): Promise<void> {
    this.yoga = undefined;
  }
}

/** loaded on the first GraphiQL page only (the module is large, and production never shows GraphiQL) */
async function renderOfflineGraphiQL(opts: GraphiQLOptions): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL(opts);
}

function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
