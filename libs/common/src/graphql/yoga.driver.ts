import { Injectable, Logger } from '@nestjs/common';
import { AbstractGraphQLDriver, GqlModuleOptions } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { pruneSchema } from '@graphql-tools/utils';
import { createYoga, Plugin, YogaServerInstance } from 'graphql-yoga';
import { toClientError } from '../errors/to-client-error';
import { checkComplexity, DEFAULT_QUERY_LIMITS, depthLimitRule, QueryLimits } from './query-limits';
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
}

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
    const limits = options.limits ?? DEFAULT_QUERY_LIMITS;
    // Nest registers every type a @ResolveField returns in every schema; keep only what this endpoint reaches
    const schema = pruneSchema(options.schema!);
    YogaDriver.served.set(path, schema);
    const buildContext = options.buildContext;
    this.yoga = createYoga<HttpContext, object>({
      schema,
      graphqlEndpoint: path,
      graphiql: options.graphiql ?? false,
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
      plugins: [queryLimitsPlugin(limits), requestLogPlugin(path)],
    });
    const app = this.httpAdapterHost.httpAdapter.getInstance();
    // a route (not app.use) keeps req.url intact, which Yoga matches against graphqlEndpoint
    app.all(path, (req: Request, res: Response) => this.yoga!(req, res, { req, res }));
  }

  async stop(): Promise<void> {
    this.yoga = undefined;
  }
}

function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}

function queryLimitsPlugin(limits: QueryLimits): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimitRule(limits.maxDepth));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const tooComplex = checkComplexity(
        args.schema,
        args.document,
        args.variableValues as Record<string, unknown> | undefined,
        args.operationName ?? undefined,
        limits.maxComplexity,
      );
      if (tooComplex) setResultAndStopExecution({ errors: [tooComplex] });
    },
  };
}
