/** The signed-in storefront customer, resolved per request from the bearer token. */
export interface CustomerPrincipal {
  customerId: string;
  channelId: string;
  email: string;
  /** own groups plus the company's (what pricing uses) */
  groupIds: string[];
}

/** A buyer's effective groups: their own plus their company's, each once, in a stable order. */
export function effectiveGroupIds(own: readonly string[], company: readonly string[] = []): string[] {
  return [...new Set([...own, ...company])].sort();
}
