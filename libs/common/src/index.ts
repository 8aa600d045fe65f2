export * from './errors/client-errors';
export * from './errors/to-client-error';
export * from './validation/field-validation.pipe';
export * from './pagination/cursor';
export * from './pagination/connection.types';
export * from './graphql/money.type';
export * from './graphql/query-limits';
export * from './graphql/yoga.driver';
