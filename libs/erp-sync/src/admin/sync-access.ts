import { ForbiddenError } from '@omnibus/common';
import type { StaffPrincipal } from '@omnibus/auth';

/** The ERP connection is the whole company's, not a brand's: only superadmins see and steer it. */
export function assertSyncOperator(principal: StaffPrincipal): void {
  if (!principal.superadmin) throw new ForbiddenError('Only superadmins operate the ERP sync');
}
