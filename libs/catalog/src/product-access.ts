import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { ForbiddenError, NotFoundError } from '@omnibus/common';

/**
 * Products are shared by the channels they are published to. Anyone granted one of those channels
 * may read the product (seeing only their channels' prices); changing what every channel shows
 * (name, slug, variants…) needs the right to manage all of them. An unpublished product is the
 * superadmin's.
 */
export const ProductAccess = {
  assertVisible(principal: StaffPrincipal, productId: string, channelIds: string[]): void {
    if (principal.superadmin) return;
    if (!channelIds.some((id) => AccessPolicy.canRead(principal, id))) throw new NotFoundError('Product', productId);
  },

  assertCanEditShared(principal: StaffPrincipal, productId: string, channelIds: string[]): void {
    ProductAccess.assertVisible(principal, productId, channelIds);
    if (principal.superadmin) return;
    if (!channelIds.every((id) => AccessPolicy.canWrite(principal, id))) {
      throw new ForbiddenError(
        'This product is shared with channels you do not manage; ask a superadmin, or change your channel overrides instead',
      );
    }
  },
};
