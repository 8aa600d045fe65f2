import { GraphQLError, GraphQLSchema, DocumentNode } from 'graphql';
import { ClientError, ErrorCode } from '../errors/client-errors';
import { operationCost } from './operation-cost';

/** What one GraphQL request may ask for. Every limit fails closed: an error while checking refuses. */
export interface QueryLimits {
  /** nesting of fields (introspection fields count against `maxIntrospectionDepth` instead) */
  maxDepth: number;
  maxIntrospectionDepth: number;
  /** estimated cost, see `operationCost` */
  maxComplexity: number;
  /** aliased fields in one operation, fragments counted where they are spread */
  maxAliases: number;
  /** top-level fields of a query (each is a lookup of its own) */
  maxRootFields: number;
  /** top-level fields of a mutation (each is a write of its own) */
  maxMutationRootFields: number;
  /** lexical tokens of the document (graphql's parser stops counting past it) */
  maxTokens: number;
  /** nesting of brackets in the document and of arrays/objects in the variables */
  maxNesting: number;
  /** bytes of a POST body */
  maxBodyBytes: number;
  /** wall-clock time of one execution; pending resolvers are aborted past it */
  timeoutMs: number;
}

/** A full storefront page (20 products, every field) costs ~500; an admin page of 100 ~2,500. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 8,
  maxIntrospectionDepth: 15,
  maxComplexity: 3000,
  maxAliases: 30,
  maxRootFields: 20,
  maxMutationRootFields: 5,
  maxTokens: 20_000,
  maxNesting: 64,
  maxBodyBytes: 1024 * 1024,
  timeoutMs: 10_000,
};

/** The environment variable of each limit (documented in docs/security.md). */
export const QUERY_LIMIT_ENV: Record<keyof QueryLimits, string> = {
  maxDepth: 'GRAPHQL_MAX_DEPTH',
  maxIntrospectionDepth: 'GRAPHQL_MAX_INTROSPECTION_DEPTH',
  maxComplexity: 'GRAPHQL_MAX_COMPLEXITY',
  maxAliases: 'GRAPHQL_MAX_ALIASES',
  maxRootFields: 'GRAPHQL_MAX_ROOT_FIELDS',
  maxMutationRootFields: 'GRAPHQL_MAX_MUTATION_ROOT_FIELDS',
  maxTokens: 'GRAPHQL_MAX_TOKENS',
  maxNesting: 'GRAPHQL_MAX_NESTING',
  maxBodyBytes: 'GRAPHQL_MAX_BODY_BYTES',
  timeoutMs: 'GRAPHQL_TIMEOUT_MS',
};

/** The defaults, each overridden by its environment variable (a positive integer; anything else fails start-up). */
export function queryLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const limits = { ...DEFAULT_QUERY_LIMITS };
  for (const key of Object.keys(QUERY_LIMIT_ENV) as (keyof QueryLimits)[]) {
    const raw = env[QUERY_LIMIT_ENV[key]];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${QUERY_LIMIT_ENV[key]} must be a positive integer, not "${raw}"`);
    limits[key] = value;
  }
  return limits;
}

/**
 * Returns a QUERY_TOO_COMPLEX error when the operation costs more than allowed, else undefined.
 * Fails closed: if the cost cannot be computed the request is refused, never let through.
 */
export function checkComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  maxComplexity: number,
): GraphQLError | undefined {
  let complexity: number;
  try {
    complexity = operationCost(schema, document, variables ?? {}, operationName);
  } catch {
    return new ClientError(ErrorCode.QueryTooComplex, 'The cost of this query could not be estimated: it is refused');
  }
  if (complexity <= maxComplexity) return undefined;
  return new ClientError(
    ErrorCode.QueryTooComplex,
    `Query complexity ${complexity} exceeds the limit of ${maxComplexity}: ask for smaller pages or fewer fields`,
    { complexity, maxComplexity },
  );
}
