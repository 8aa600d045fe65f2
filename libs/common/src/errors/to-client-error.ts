import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ClientError, ErrorCode, FieldError, UserInputError } from './client-errors';

/**
 * The single place where a failure becomes what a client sees. Known failures keep their code and
 * message; database constraint violations become field errors; everything else is masked (the
 * caller logs the original). Returns `internal: true` for the masked case.
 */
export function toClientError(error: unknown): { error: GraphQLError; internal: boolean } {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof ClientError) return { error: original, internal: false };
  const wrapped = isGraphQLError(error) && error.originalError;
  // a wrapped error without a field path was raised before execution: coercing the variables (the
  // executor wraps graphql's scalar errors, e.g. "Int cannot represent non-integer value")
  if (isGraphQLError(original) && (!wrapped || !(error as GraphQLError).path)) {
    // parse, validation and variable errors produced by graphql-js or Yoga's executor (which may carry
    // its own copy of GraphQLError, hence no instanceof): safe to show, and a bad variable is bad input
    const extensions = { ...original.extensions, code: original.extensions?.code ?? ErrorCode.BadUserInput };
    return { error: new GraphQLError(original.message, { nodes: original.nodes, path: original.path, extensions }), internal: false };
  }
  if (original instanceof HttpException) return { error: fromHttpException(original), internal: false };
  const fromDb = fromDatabaseError(original);
  if (fromDb) return { error: fromDb, internal: false };
  return { error: new ClientError(ErrorCode.Internal, 'Internal server error'), internal: true };
}

function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof GraphQLError || (value instanceof Error && value.name === 'GraphQLError' && 'extensions' in value);
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BadUserInput,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: ErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: ErrorCode.NotFound,
  [HttpStatus.CONFLICT]: ErrorCode.Conflict,
};

function fromHttpException(exception: HttpException): GraphQLError {
  const status = exception.getStatus();
  const code = HTTP_STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadUserInput);
  const message = code === ErrorCode.Unauthenticated ? 'Authentication required' : exception.message;
  if (code === ErrorCode.Forbidden) return new ClientError(code, 'You are not allowed to do this');
  return new ClientError(code, code === ErrorCode.Internal ? 'Internal server error' : message);
}

interface PrismaLikeError {
  code?: string;
  meta?: {
    target?: unknown;
    modelName?: string;
    driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string }; kind?: string } };
  };
}

/** Maps Prisma's known request errors (unique, foreign key, missing record) to client errors. */
function fromDatabaseError(error: unknown): GraphQLError | undefined {
  if (!error || typeof error !== 'object' || !('code' in error)) return undefined;
  const { code, meta } = error as PrismaLikeError;
  switch (code) {
    case 'P2002': {
      const fields = uniqueFields(meta);
      const fieldErrors: FieldError[] = fields.map((field) => ({ path: field, message: `this ${field} is already taken` }));
      const what = fields.length ? fields.join(', ') : 'value';
      return new UserInputError(`Duplicate ${what}: it is already taken`, fieldErrors);
    }
    case 'P2003':
      return new UserInputError('A referenced record does not exist');
    case 'P2025':
      return new ClientError(ErrorCode.NotFound, `${meta?.modelName ?? 'Record'} not found`);
    default:
      return undefined;
  }
}

/** The fields of a unique-constraint violation, or null if the error is something else. */
export function uniqueViolationFields(error: unknown): string[] | null {
  if (!error || typeof error !== 'object' || (error as PrismaLikeError).code !== 'P2002') return null;
  return uniqueFields((error as PrismaLikeError).meta);
}

/**
 * Runs a write and turns a unique violation on one of the given fields into a BAD_USER_INPUT at the
 * caller's path (e.g. `sku` → `input.variants.2.sku`), which the generic mapping cannot know.
 */
export async function withUniqueFieldPaths<T>(paths: Record<string, string>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const field = uniqueViolationFields(error)?.find((f) => f in paths);
    if (field) throw UserInputError.field(paths[field], `this ${field} is already taken`);
    throw error;
  }
}

function uniqueFields(meta: PrismaLikeError['meta']): string[] {
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return constraint.fields.map((f) => f.replace(/"/g, ''));
  // adapter-pg names the index instead; Prisma names unique indexes <Model>_<field>[_<field>]_key
  const index = constraint?.index && /^[A-Za-z]+_(.+)_key$/.exec(constraint.index);
  if (index) return index[1].split('_');
  if (Array.isArray(meta?.target)) return meta.target as string[];
  if (typeof meta?.target === 'string') return [meta.target];
  return [];
}
