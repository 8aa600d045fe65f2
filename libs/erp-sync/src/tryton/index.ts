// The Tryton JSON-RPC layer on its own: test harnesses import this without loading the sync engine.
export * from './tryton-codec';
export * from './tryton-error';
export * from './tryton-client';
export * from './tryton-wizard';
