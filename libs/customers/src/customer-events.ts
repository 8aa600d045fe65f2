import { Prisma } from '@omnibus/db';
import { CustomerChangeV1, writeEvent } from '@omnibus/events';

type Tx = Prisma.TransactionClient;

/** `customer.registered`: written with the new account, so the ERP hears of every customer exactly when one exists. */
export function customerRegistered(
  tx: Tx,
  customer: { id: string; channelId: string; email: string; firstName: string; lastName: string },
): Promise<void> {
  const { id, channelId, email, firstName, lastName } = customer;
  return writeEvent(tx, {
    type: 'customer.registered',
    version: 1,
    aggregate: { type: 'customer', id },
    payload: { customerId: id, channelId, email, firstName, lastName },
  });
}

/** `customer.updated`: what changed (e.g. `address.added`) and the record as it is now. */
export function customerUpdated(tx: Tx, customer: { customerId: string; channelId: string }, change: CustomerChangeV1): Promise<void> {
  return writeEvent(tx, {
    type: 'customer.updated',
    version: 1,
    aggregate: { type: 'customer', id: customer.customerId },
    payload: { customerId: customer.customerId, channelId: customer.channelId, ...change },
  });
}
