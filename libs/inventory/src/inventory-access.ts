import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ForbiddenError } from '@omnibus/common';

/**
 * Warehouses belong to no channel: they serve channels. Stock in a warehouse may be read by anyone
 * granted a channel it serves and changed by a brand manager of one of them (or a superadmin).
 */
export const InventoryAccess = {
  canReadWarehouse(principal: StaffPrincipal, servedChannelIds: readonly string[]): boolean {
    return principal.superadmin || servedChannelIds.some((id) => AccessPolicy.canRead(principal, id));
  },

  assertReadWarehouse(principal: StaffPrincipal, servedChannelIds: readonly string[]): void {
    if (!InventoryAccess.canReadWarehouse(principal, servedChannelIds)) {
      throw new ForbiddenError('You have no access to this warehouse: it serves none of your channels');
    }
  },

  assertChangeStock(principal: StaffPrincipal, servedChannelIds: readonly string[]): void {
    if (principal.superadmin || servedChannelIds.some((id) => AccessPolicy.canWrite(principal, id))) return;
    throw new ForbiddenError('You may not change stock in this warehouse: it serves none of the channels you manage');
  },
};
