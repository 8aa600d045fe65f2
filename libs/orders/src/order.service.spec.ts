import { ClientError } from '@omnibus/common';
import { PrismaService } from '@omnibus/db';
import { OrderService } from './order.service';
import { canTransition, ORDER_TRANSITIONS, OrderStatus } from './order-transitions';

function serviceWith(count: number) {
  const updateMany = jest.fn().mockResolvedValue({ count });
  return { service: new OrderService({ order: { updateMany } } as unknown as PrismaService), updateMany };
}

const codeOf = async (promise: Promise<unknown>) => promise.then(() => 'ok', (e) => (e instanceof ClientError ? e.extensions.code : String(e)));

describe('order transitions', () => {
  it('follows the lifecycle, with cancelling only before shipping', () => {
    expect(canTransition('PLACED', 'ACCEPTED')).toBe(true);
    expect(canTransition('IN_FULFILLMENT', 'PARTIALLY_SHIPPED')).toBe(true);
    expect(canTransition('PARTIALLY_SHIPPED', 'SHIPPED')).toBe(true);
    expect(canTransition('IN_FULFILLMENT', 'CANCELLED')).toBe(true);
    expect(canTransition('SHIPPED', 'CANCELLED')).toBe(false);
    expect(canTransition('PLACED', 'SHIPPED')).toBe(false);
    expect(canTransition('PLACED', 'PLACED')).toBe(false);
  });

  it('has final states and every status reachable from PLACED', () => {
    expect(ORDER_TRANSITIONS.COMPLETED).toEqual([]);
    expect(ORDER_TRANSITIONS.CANCELLED).toEqual([]);
    const seen = new Set<OrderStatus>(['PLACED']);
    const queue: OrderStatus[] = ['PLACED'];
    while (queue.length) for (const next of ORDER_TRANSITIONS[queue.shift()!]) if (!seen.has(next)) seen.add(next), queue.push(next);
    expect(seen.size).toBe(Object.keys(ORDER_TRANSITIONS).length);
  });

  it('writes a legal transition guarded by the status the caller saw', async () => {
    const { service, updateMany } = serviceWith(1);
    await expect(service.transition({ id: 'o1', status: 'PLACED' }, 'ACCEPTED')).resolves.toEqual({ id: 'o1', status: 'ACCEPTED' });
    expect(updateMany).toHaveBeenCalledWith({ where: { id: 'o1', status: 'PLACED' }, data: { status: 'ACCEPTED' } });
  });

  it('refuses an illegal transition with CONFLICT and writes nothing', async () => {
    const { service, updateMany } = serviceWith(1);
    expect(await codeOf(service.transition({ id: 'o1', status: 'DELIVERED' }, 'CANCELLED'))).toBe('CONFLICT');
    expect(await codeOf(service.transition({ id: 'o1', status: 'CANCELLED' }, 'PLACED'))).toBe('CONFLICT');
    expect(updateMany).not.toHaveBeenCalled();
  });

  it('is a CONFLICT when the order moved on meanwhile', async () => {
    const { service } = serviceWith(0);
    expect(await codeOf(service.transition({ id: 'o1', status: 'PLACED' }, 'ACCEPTED'))).toBe('CONFLICT');
  });
});
