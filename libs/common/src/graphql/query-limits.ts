import depthLimit from 'graphql-depth-limit';
import { GraphQLError, GraphQLSchema, DocumentNode } from 'graphql';
import { getComplexity, simpleEstimator, ComplexityEstimator } from 'graphql-query-complexity';
import { ClientError, ErrorCode } from '../errors/client-errors';
import { MAX_PAGE_SIZE } from '../pagination/connection.types';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** A full storefront page (20 products, every field) costs ~500; an admin page of 100 ~2,500. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 8, maxComplexity: 3000 };

/** A list field asked for `first: N` costs N times its selection: that is what the database pays. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  // oversized pages are refused by validation (BAD_USER_INPUT on `first`), so count them at the cap
  const size = typeof args.first === 'number' ? Math.min(args.first, MAX_PAGE_SIZE) : undefined;
  return size === undefined ? undefined : 1 + size * Math.max(childComplexity, 1);
};

export function depthLimitRule(maxDepth: number) {
  return depthLimit(maxDepth);
}

/** Returns a QUERY_TOO_COMPLEX error when the operation costs more than allowed, else undefined. */
export function checkComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  maxComplexity: number,
): GraphQLError | undefined {
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName,
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // invalid variables: execution reports them to the client as it should, so let it run
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  if (complexity <= maxComplexity) return undefined;
  return new ClientError(
    ErrorCode.QueryTooComplex,
    `Query complexity ${complexity} exceeds the limit of ${maxComplexity}: ask for smaller pages or fewer fields`,
    { complexity, maxComplexity },
  );
}
