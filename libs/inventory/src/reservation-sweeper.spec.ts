import { Logger } from '@nestjs/common';
import { inventoryConfigFromEnv } from './inventory-config';
import { ReservationSweeper } from './reservation-sweeper';
import { ReservationService } from './reservation.service';

describe('inventoryConfigFromEnv', () => {
  it('defaults to a 900 s reservation and a 30 s sweep', () => {
    expect(inventoryConfigFromEnv({})).toEqual({ reservationTtlSeconds: 900, sweepIntervalSeconds: 30 });
  });

  it('reads the environment, turns the sweeper off under tests unless asked, and refuses nonsense', () => {
    expect(inventoryConfigFromEnv({ RESERVATION_TTL_SECONDS: '60', RESERVATION_SWEEP_INTERVAL_SECONDS: '5' })).toEqual({
      reservationTtlSeconds: 60,
      sweepIntervalSeconds: 5,
    });
    expect(inventoryConfigFromEnv({ NODE_ENV: 'test' }).sweepIntervalSeconds).toBe(0);
    expect(inventoryConfigFromEnv({ NODE_ENV: 'test', RESERVATION_SWEEP_INTERVAL_SECONDS: '10' }).sweepIntervalSeconds).toBe(10);
    expect(() => inventoryConfigFromEnv({ RESERVATION_TTL_SECONDS: '0' })).toThrow(/RESERVATION_TTL_SECONDS/);
    expect(() => inventoryConfigFromEnv({ RESERVATION_SWEEP_INTERVAL_SECONDS: 'often' })).toThrow(/RESERVATION_SWEEP_INTERVAL_SECONDS/);
  });
});

describe('ReservationSweeper', () => {
  const saved = process.env.RESERVATION_SWEEP_INTERVAL_SECONDS;
  beforeEach(() => {
    jest.useFakeTimers();
    process.env.RESERVATION_SWEEP_INTERVAL_SECONDS = '30';
  });
  afterEach(() => {
    jest.useRealTimers();
    if (saved === undefined) delete process.env.RESERVATION_SWEEP_INTERVAL_SECONDS;
    else process.env.RESERVATION_SWEEP_INTERVAL_SECONDS = saved;
  });

  it('sweeps on its interval from bootstrap until shutdown', async () => {
    const sweepExpired = jest.fn().mockResolvedValue(0);
    const sweeper = new ReservationSweeper({ sweepExpired } as unknown as ReservationService);
    sweeper.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(29_000);
    expect(sweepExpired).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sweepExpired).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(sweepExpired).toHaveBeenCalledTimes(2);
    await sweeper.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(sweepExpired).toHaveBeenCalledTimes(2);
  });

  it('does not start a sweep while one is running, and survives a failing one', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let finish!: () => void;
    const sweepExpired = jest
      .fn()
      .mockReturnValueOnce(new Promise<number>((resolve) => (finish = () => resolve(0))))
      .mockRejectedValueOnce(new Error('database away'))
      .mockResolvedValue(0);
    const sweeper = new ReservationSweeper({ sweepExpired } as unknown as ReservationService);
    const first = sweeper.tick();
    void sweeper.tick();
    expect(sweepExpired).toHaveBeenCalledTimes(1);
    finish();
    await first;
    await sweeper.tick();
    await sweeper.tick();
    expect(sweepExpired).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
