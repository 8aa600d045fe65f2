import { createSchema, createYoga } from 'graphql-yoga';
import { DEFAULT_QUERY_LIMITS } from './query-limits';
import { limitsPlugin } from './limits.plugin';

describe('limitsPlugin execution bound', () => {
  it('stops an execution past timeoutMs with QUERY_TIMEOUT, and lets a quick one finish', async () => {
    let finished = false;
    const schema = createSchema({
      typeDefs: 'type Query { slow: String fast: String }',
      resolvers: {
        Query: {
          slow: () => new Promise((resolve) => setTimeout(() => ((finished = true), resolve('late')), 2_000)),
          fast: () => 'ok',
        },
      },
    });
    const yoga = createYoga({ schema, logging: false, plugins: [limitsPlugin({ ...DEFAULT_QUERY_LIMITS, timeoutMs: 100 })] });
    const ask = async (query: string) => {
      const res = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    };
    const started = Date.now();
    const slow = await ask('{ slow }');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(slow.errors?.[0].extensions?.code).toBe('QUERY_TIMEOUT');
    expect(finished).toBe(false);
    expect((await ask('{ fast }')).data).toEqual({ fast: 'ok' });
  });
});
