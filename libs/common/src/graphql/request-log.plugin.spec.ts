import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { GraphQLMetrics } from './graphql-metrics';
import { requestLogPlugin } from './request-log.plugin';

// A real Yoga server with the plugin; the Express response is the object the log line is read from.
describe('requestLogPlugin', () => {
  const schema = createSchema<{ res: { locals: Record<string, unknown> } }>({
    typeDefs: 'type Query { hello: String, boom: String, missing: String }',
    resolvers: {
      Query: {
        hello: () => 'hi',
        boom: () => {
          throw new Error('kaput');
        },
        missing: () => {
          throw new GraphQLError('no such thing', { extensions: { code: 'NOT_FOUND' } });
        },
      },
    },
  });
  const metrics = new GraphQLMetrics();
  const yoga = createYoga<{ res: { locals: Record<string, unknown> } }>({
    schema,
    logging: false,
    maskedErrors: false,
    context: () => ({ channel: { code: 'nordwind' } }),
    plugins: [requestLogPlugin('/test-api', metrics) as never],
  });
  const send = async (body: object) => {
    const res = { locals: {} as Record<string, unknown> };
    await yoga.fetch(
      'http://x/graphql',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      { res },
    );
    return res.locals.graphql;
  };

  it('names the operation and the channel, and no error codes when there are none', async () => {
    expect(await send({ query: 'query Greeting { hello }' })).toEqual({ operation: 'Greeting', channel: 'nordwind' });
    expect(await send({ query: 'query A { hello } query B { hello }', operationName: 'B' })).toEqual({
      operation: 'B',
      channel: 'nordwind',
    });
    expect(await send({ query: '{ hello }' })).toEqual({ operation: null, channel: 'nordwind' });
  });

  it("lists each error's extensions.code, INTERNAL_SERVER_ERROR for one without", async () => {
    expect(await send({ query: 'query Both { missing boom }' })).toEqual({
      operation: 'Both',
      channel: 'nordwind',
      errorCodes: ['NOT_FOUND', 'INTERNAL_SERVER_ERROR'],
    });
  });

  it('notes validation failures too (no execution, no channel)', async () => {
    const logged = (await send({ query: 'query Bad { nope }' })) as { operation: string; errorCodes: string[]; channel?: string };
    expect(logged.operation).toBe('Bad');
    expect(logged.channel).toBeUndefined();
    expect(logged.errorCodes).toHaveLength(1);
  });

  it('counts requests by operation and outcome, errors by code, and times each operation', async () => {
    await send({ query: 'query Counted { hello }' });
    await send({ query: 'query Counted { missing }' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('omnibus_graphql_requests_total{endpoint="/test-api",operation="Counted",code="OK"} 1');
    expect(text).toContain('omnibus_graphql_requests_total{endpoint="/test-api",operation="Counted",code="NOT_FOUND"} 1');
    expect(text).toMatch(/omnibus_graphql_errors_total\{endpoint="\/test-api",code="NOT_FOUND"\} [1-9]/);
    expect(text).toContain('omnibus_graphql_request_duration_seconds_count{endpoint="/test-api",operation="Counted"} 2');
  });
});
