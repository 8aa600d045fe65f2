import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { serveDashboard } from './dashboard/dashboard-static';

/** Builds the application (used by main.ts and by the end-to-end tests, so both run the same thing). */
export async function createApp(options: AppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    // GraphQL Yoga reads request bodies itself (a pre-parsed body leaves it waiting on an empty stream)
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // standard security headers; the content security policy only in production, where GraphiQL (its
  // scripts come from a CDN) is off
  app.use(helmet({ contentSecurityPolicy: process.env.NODE_ENV === 'production' ? undefined : false }));
  app.enableShutdownHooks();
  serveDashboard(app);
  return app;
}
