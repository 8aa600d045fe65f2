import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDashboardDir } from './dashboard-static';

describe('findDashboardDir', () => {
  let root: string;
  const saved = process.env.DASHBOARD_DIR;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dash-'));
    delete process.env.DASHBOARD_DIR;
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    if (saved === undefined) delete process.env.DASHBOARD_DIR;
    else process.env.DASHBOARD_DIR = saved;
  });

  it('finds the built dashboard from the source tree and from dist/', () => {
    mkdirSync(join(root, 'apps/dashboard/dist'), { recursive: true });
    writeFileSync(join(root, 'apps/dashboard/dist/index.html'), '<div id="root"></div>');
    mkdirSync(join(root, 'dist/apps/api/src/dashboard'), { recursive: true });
    expect(findDashboardDir(join(root, 'apps/api/src/dashboard'))).toBe(join(root, 'apps/dashboard/dist'));
    expect(findDashboardDir(join(root, 'dist/apps/api/src/dashboard'))).toBe(join(root, 'apps/dashboard/dist'));
  });

  it('answers nothing when the dashboard is not built (no index.html)', () => {
    mkdirSync(join(root, 'apps/dashboard/dist'), { recursive: true });
    expect(findDashboardDir(join(root, 'apps/api/src/dashboard'))).toBeUndefined();
  });

  it('takes DASHBOARD_DIR when set', () => {
    process.env.DASHBOARD_DIR = join(root, 'elsewhere');
    expect(findDashboardDir(join(root, 'apps/api/src'))).toBe(join(root, 'elsewhere'));
  });
});
