import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (`extensions.code`). One list, documented in docs/api.md. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  QueryTimeout = 'QUERY_TIMEOUT',
  ValidationFailed = 'GRAPHQL_VALIDATION_FAILED',
  BadRequest = 'BAD_REQUEST',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  OutOfStock = 'OUT_OF_STOCK',
  Internal = 'INTERNAL_SERVER_ERROR',
}

export interface FieldError {
  /** dotted path from the argument, e.g. `input.variants.0.sku` */
  path: string;
  message: string;
}

/**
 * Every expected failure is thrown as one of these; resolvers never return error unions.
 * Anything else reaching the client is masked as INTERNAL_SERVER_ERROR and logged.
 */
export class ClientError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class UserInputError extends ClientError {
  constructor(message: string, fields: FieldError[] = []) {
    super(ErrorCode.BadUserInput, message, { fields });
  }

  static field(path: string, message: string): UserInputError {
    return new UserInputError(`${path}: ${message}`, [{ path, message }]);
  }
}

export class UnauthenticatedError extends ClientError {
  constructor(message = 'Authentication required') {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class ForbiddenError extends ClientError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.Forbidden, message);
  }
}

export class NotFoundError extends ClientError {
  constructor(entity: string, key?: string) {
    super(ErrorCode.NotFound, key ? `${entity} "${key}" not found` : `${entity} not found`);
  }
}

export class ConflictError extends ClientError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.Conflict, message, extensions);
  }
}

export class OutOfStockError extends ClientError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.OutOfStock, message, details);
  }
}
