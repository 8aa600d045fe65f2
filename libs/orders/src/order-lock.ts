import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { isUuid, NotFoundError } from '@omnibus/common';
import { lockOrderRow, LockedOrderRow } from '@omnibus/db';

export type LockedOrder = LockedOrderRow;

/**
 * Locks an order row for a change that depends on more than its status, e.g. a shipment checking
 * what was shipped so far: concurrent changes of one order queue here. Checks the caller may change
 * the order's channel (FORBIDDEN otherwise, as elsewhere in the Admin API).
 */
export async function lockOrderForWrite(
  tx: Parameters<typeof lockOrderRow>[0],
  principal: StaffPrincipal,
  orderId: string,
): Promise<LockedOrder> {
  const row = isUuid(orderId) ? await lockOrderRow(tx, orderId) : null;
  if (!row) throw new NotFoundError('Order', orderId);
  AccessPolicy.assertWrite(principal, row.channelId);
  return row;
}
