import { Injectable } from '@nestjs/common';
import { ConflictError } from '@omnibus/common';
import { PrismaService } from '@omnibus/db';
import { assertTransition, OrderStatus } from './order-transitions';

@Injectable()
export class OrderService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Moves an order along its lifecycle. The update only matches the status the caller saw, so of two
   * concurrent transitions from the same status one wins and the other is a CONFLICT.
   */
  async transition(order: { id: string; status: OrderStatus }, to: OrderStatus): Promise<{ id: string; status: OrderStatus }> {
    assertTransition(order.status, to);
    const { count } = await this.prisma.order.updateMany({ where: { id: order.id, status: order.status }, data: { status: to } });
    if (count !== 1) throw new ConflictError(`The order changed meanwhile (it is no longer ${order.status}); reload it`);
    return { id: order.id, status: to };
  }
}
