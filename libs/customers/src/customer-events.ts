import { Prisma, writeOutbox } from '@omnibus/db';

type Tx = Prisma.TransactionClient;

/** `customer.registered`: written with the new account, so the ERP hears of every customer exactly when one exists. */
export function customerRegistered(
  tx: Tx,
  customer: { id: string; channelId: string; email: string; firstName: string; lastName: string },
): Promise<void> {
  const { id, channelId, email, firstName, lastName } = customer;
  return writeOutbox(tx, {
    aggregateType: 'customer',
    aggregateId: id,
    eventType: 'customer.registered',
    payload: { customerId: id, channelId, email, firstName, lastName },
  });
}

/** `customer.updated`: what changed (e.g. `address.added`) and the record as it is now. */
export function customerUpdated(
  tx: Tx,
  customer: { customerId: string; channelId: string },
  change: string,
  data: Prisma.InputJsonObject = {},
): Promise<void> {
  return writeOutbox(tx, {
    aggregateType: 'customer',
    aggregateId: customer.customerId,
    eventType: 'customer.updated',
    payload: { customerId: customer.customerId, channelId: customer.channelId, change, ...data },
  });
}
