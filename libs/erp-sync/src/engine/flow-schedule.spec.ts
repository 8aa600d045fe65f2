import { assertCron, nextRunAfter } from './flow-schedule';

describe('nextRunAfter', () => {
  const at = new Date('2026-11-27T07:00:00Z');

  it('runs batch flows at their cron times', () => {
    expect(nextRunAfter({ mode: 'BATCH', cron: '0 6,18 * * *', intervalSeconds: 30 }, at).toISOString()).toBe('2026-11-27T18:00:00.000Z');
  });

  it('runs real-time flows every interval', () => {
    expect(nextRunAfter({ mode: 'REALTIME', cron: '0 6,18 * * *', intervalSeconds: 30 }, at).toISOString()).toBe(
      '2026-11-27T07:00:30.000Z',
    );
  });

  it('runs "both" at whichever comes first', () => {
    expect(nextRunAfter({ mode: 'BOTH', cron: '1 7 * * *', intervalSeconds: 300 }, at).toISOString()).toBe('2026-11-27T07:01:00.000Z');
    expect(nextRunAfter({ mode: 'BOTH', cron: '0 18 * * *', intervalSeconds: 300 }, at).toISOString()).toBe('2026-11-27T07:05:00.000Z');
  });

  it('falls back to hourly for a batch flow without cron', () => {
    expect(nextRunAfter({ mode: 'BATCH', cron: null, intervalSeconds: 30 }, new Date('2026-11-27T07:10:00Z')).toISOString()).toBe(
      '2026-11-27T08:00:00.000Z',
    );
  });

  it('rejects what is not a cron expression', () => {
    expect(() => assertCron('every morning')).toThrow(/not a cron expression/);
    expect(() => assertCron('0 6,18 * * *')).not.toThrow();
  });
});
