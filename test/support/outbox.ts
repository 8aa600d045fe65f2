import type { Prisma, PrismaService } from '@omnibus/db';

/**
 * An event with its delivery to one connector (each connector's outbound flow is a destination of
 * its own): the delivery's state, and the event's id and time.
 */
export async function deliveryOf(prisma: PrismaService, connectorCode: string, where: { aggregateId: string; eventType: string }) {
  const connector = await prisma.syncConnector.findUniqueOrThrow({ where: { code: connectorCode } });
  const event = await prisma.outboxEvent.findFirstOrThrow({
    where,
    orderBy: { sequence: 'asc' },
    include: { deliveries: { where: { destination: { startsWith: `erp:${connector.id}:` } } } },
  });
  if (event.deliveries.length !== 1)
    throw new Error(`${where.eventType} ${where.aggregateId}: ${event.deliveries.length} deliveries to ${connectorCode}`);
  return { ...event.deliveries[0], id: event.id, createdAt: event.createdAt, eventType: event.eventType };
}

/** Retries due now rather than after their backoff. */
export function deliveriesDue(prisma: PrismaService, where: Prisma.OutboxDeliveryWhereInput = { status: 'PENDING' }) {
  return prisma.outboxDelivery.updateMany({ where, data: { availableAt: new Date() } });
}
