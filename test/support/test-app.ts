import { INestApplication } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { createApp } from '../../apps/api/src/bootstrap';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder.service';
import { createTestDatabase } from './test-database';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; fields?: { path: string; message: string }[] } & Record<string, unknown>;
  }[];
}

export interface TestApp {
  app: INestApplication;
  prisma: PrismaService;
  baseUrl: string;
  shop<T = any>(token: string | undefined, query: string, variables?: object): Promise<GraphQLResponse<T>>;
  admin<T = any>(auth: { bearer?: string; apiKey?: string } | undefined, query: string, variables?: object): Promise<GraphQLResponse<T>>;
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real application on a fresh database, listening on a random port; demo data loaded unless told otherwise. */
export async function startTestApp(options: { demo?: boolean; productCount?: number; queryEvents?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await createApp({ db: { config: database.config, queryEvents: options.queryEvents ?? false } });
  await app.init();
  if (options.demo !== false) await app.get(DemoSeeder).seedIfEmpty(options.productCount);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const post = async (path: string, headers: Record<string, string>, query: string, variables?: object) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse;
  };

  const testApp: TestApp = {
    app,
    prisma: app.get(PrismaService),
    baseUrl,
    shop: (token, query, variables) => post('/shop-api', token ? { 'x-channel-token': token } : {}, query, variables),
    admin: (auth, query, variables) =>
      post(
        '/admin-api',
        { ...(auth?.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}), ...(auth?.apiKey ? { 'x-api-key': auth.apiKey } : {}) },
        query,
        variables,
      ),
    async login(email, password) {
      const res = await testApp.admin(undefined, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
        i: { email, password },
      });
      if (!res.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
      return res.data.login.accessToken;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
  return testApp;
}
