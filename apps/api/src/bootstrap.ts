import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { serveDashboard } from './dashboard/dashboard-static';

/** Builds the application (used by main.ts and by the end-to-end tests, so both run the same thing). */
export async function createApp(options: AppOptions = {}, { shutdownHooks = true } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    // GraphQL Yoga reads request bodies itself (a pre-parsed body leaves it waiting on an empty stream)
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // standard security headers; the content security policy only in production, where GraphiQL is off
  app.use(helmet({ contentSecurityPolicy: process.env.NODE_ENV === 'production' ? undefined : false }));
  // main.ts handles the signals itself (it logs what the shutdown waits for); tests keep Nest's hooks
  if (shutdownHooks) app.enableShutdownHooks();
  serveDashboard(app);
  return app;
}
