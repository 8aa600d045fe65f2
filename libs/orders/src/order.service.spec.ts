import { ClientError } from '@omnibus/common';
import { Prisma } from '@omnibus/db';
import { OrderService } from './order.service';
import { canTransition, ORDER_TRANSITIONS, OrderStatus } from './order-transitions';

function serviceWith(count: number) {
  const updateMany = jest.fn().mockResolvedValue({ count });
  // writeEvent is one tagged-template statement: the mock receives its strings, then its values
  const createOutbox = jest.fn().mockResolvedValue(1);
  const tx = { order: { updateMany }, $executeRaw: createOutbox } as unknown as Prisma.TransactionClient;
  return { service: new OrderService(), tx, updateMany, createOutbox };
}

const order = (status: OrderStatus) => ({ id: 'o1', number: 'NW-000001', status });

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e) => (e instanceof ClientError ? e.extensions.code : String(e)),
  );

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
    while (queue.length)
      for (const next of ORDER_TRANSITIONS[queue.shift()!]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    expect(seen.size).toBe(Object.keys(ORDER_TRANSITIONS).length);
  });

  it('writes a legal transition guarded by the status the caller saw, with its outbox event', async () => {
    const { service, tx, updateMany, createOutbox } = serviceWith(1);
    await expect(service.transition(tx, order('PLACED'), 'ACCEPTED')).resolves.toEqual(order('ACCEPTED'));
    expect(updateMany).toHaveBeenCalledWith({ where: { id: 'o1', status: 'PLACED' }, data: { status: 'ACCEPTED' } });
    expect(createOutbox).toHaveBeenCalledTimes(1);
    const [, , type, version, aggregateType, aggregateId, payload] = createOutbox.mock.calls[0];
    expect({ type, version, aggregateType, aggregateId, payload: JSON.parse(payload) }).toEqual({
      type: 'order.status_changed',
      version: 1,
      aggregateType: 'order',
      aggregateId: 'o1',
      payload: { number: 'NW-000001', from: 'PLACED', to: 'ACCEPTED' },
    });
  });

  it('refuses an illegal transition with CONFLICT and writes nothing', async () => {
    const { service, tx, updateMany, createOutbox } = serviceWith(1);
    expect(await codeOf(service.transition(tx, order('DELIVERED'), 'CANCELLED'))).toBe('CONFLICT');
    expect(await codeOf(service.transition(tx, order('CANCELLED'), 'PLACED'))).toBe('CONFLICT');
    expect(updateMany).not.toHaveBeenCalled();
    expect(createOutbox).not.toHaveBeenCalled();
  });

  it('is a CONFLICT when the order moved on meanwhile', async () => {
    const { service, tx, createOutbox } = serviceWith(0);
    expect(await codeOf(service.transition(tx, order('PLACED'), 'ACCEPTED'))).toBe('CONFLICT');
    expect(createOutbox).not.toHaveBeenCalled();
  });
});
