import { BadRequestException, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { NotFoundError } from './client-errors';
import { toClientError } from './to-client-error';

describe('toClientError', () => {
  it('keeps a ClientError as it is, also when graphql-js wrapped it', () => {
    const wrapped = new GraphQLError('x', { originalError: new NotFoundError('Product', 'p') });
    const { error, internal } = toClientError(wrapped);
    expect(error.extensions.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Product "p" not found');
    expect(internal).toBe(false);
  });

  it('maps Nest HTTP exceptions to codes', () => {
    expect(toClientError(new UnauthorizedException()).error.extensions.code).toBe('UNAUTHENTICATED');
    expect(toClientError(new ForbiddenException('secret detail')).error.message).not.toContain('secret');
    expect(toClientError(new BadRequestException('bad')).error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('names the field of a unique violation, from PostgreSQL’s index name or PGlite’s field list', () => {
    const pg = { code: 'P2002', meta: { driverAdapterError: { cause: { constraint: { index: 'ProductVariant_sku_key' } } } } };
    const pglite = { code: 'P2002', meta: { driverAdapterError: { cause: { constraint: { fields: ['"slug"'] } } } } };
    expect(toClientError(pg).error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'sku' }] });
    expect(toClientError(pglite).error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'slug' }] });
  });

  it('masks anything unexpected, without its message', () => {
    const { error, internal } = toClientError(new TypeError('Cannot read properties of undefined (reading "password")'));
    expect(internal).toBe(true);
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toBe('Internal server error');
  });
});

describe('toClientError and foreign GraphQL errors', () => {
  it("shows a variable error from another copy of graphql (Yoga's executor) as BAD_USER_INPUT, not masked", () => {
    class ForeignGraphQLError extends Error {
      extensions: Record<string, unknown> = {};
      nodes = undefined;
      path = undefined;
      originalError = undefined;
      constructor(message: string) {
        super(message);
        this.name = 'GraphQLError';
      }
    }
    const mapped = toClientError(
      new ForeignGraphQLError('Expected value of type "AdjustStockInput" to include required field "warehouseId"'),
    );
    expect(mapped.internal).toBe(false);
    expect(mapped.error.extensions.code).toBe('BAD_USER_INPUT');
    expect(mapped.error.message).toMatch(/required field "warehouseId"/);
  });
});

describe('toClientError and variable coercion', () => {
  it('shows a scalar coercion error the executor wrapped (no field path) as BAD_USER_INPUT', () => {
    const scalar = new GraphQLError('Int cannot represent non-integer value: "abc"');
    const wrapped = new GraphQLError('Variable "$n" got invalid value "abc"; Int cannot represent non-integer value: "abc"', {
      originalError: scalar,
    });
    const mapped = toClientError(wrapped);
    expect(mapped.internal).toBe(false);
    expect(mapped.error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('still masks a GraphQL error raised while resolving a field (it has a path)', () => {
    const inner = new GraphQLError('Int cannot represent non-integer value: 1.5');
    const atField = new GraphQLError(inner.message, { originalError: inner, path: ['product', 'stock'] });
    expect(toClientError(atField).internal).toBe(true);
  });
});
