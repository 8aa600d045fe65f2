import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

export const DASHBOARD_PATH = '/dashboard';

/**
 * The built dashboard (apps/dashboard/dist, written by `npm run build`), found from this file's place
 * in the source tree (tests) or in dist/ (npm start); DASHBOARD_DIR overrides.
 */
export function findDashboardDir(start = __dirname): string | undefined {
  if (process.env.DASHBOARD_DIR) return resolve(process.env.DASHBOARD_DIR);
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'dashboard', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

/**
 * Serves the dashboard's static files under /dashboard, and its index.html for any other path below
 * it (deep links such as /dashboard/channels/nordwind/brand are the SPA's routes). Nothing outside
 * /dashboard is touched. Hashed assets are cached for a year; index.html is revalidated every time.
 */
export function serveDashboard(nest: NestExpressApplication, dir = findDashboardDir()): boolean {
  const app = nest.getHttpAdapter().getInstance();
  if (!dir) {
    app.get(`${DASHBOARD_PATH}{/*rest}`, (_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('The dashboard is not built: run `npm run build`.');
    });
    return false;
  }
  const index = join(dir, 'index.html');
  nest.useStaticAssets(join(dir, 'assets'), {
    prefix: `${DASHBOARD_PATH}/assets`,
    immutable: true,
    maxAge: '365d',
    index: false,
    fallthrough: false,
  });
  nest.useStaticAssets(dir, { prefix: DASHBOARD_PATH, index: false, redirect: false, maxAge: 0 });
  app.get(`${DASHBOARD_PATH}{/*rest}`, (req: Request, res: Response, next: NextFunction) => {
    if (!req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
