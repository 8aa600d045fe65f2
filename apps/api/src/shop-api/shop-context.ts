import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ChannelsService, Channel } from '@omnibus/channels';
import { HttpContext, UnauthenticatedError } from '@omnibus/common';
import { CustomerAuthService, CustomerPrincipal } from '@omnibus/customers';

export interface ShopContext extends HttpContext {
  channel: Channel;
  /** customer groups of the signed-in customer (none for anonymous shoppers) */
  customerGroupIds?: string[];
  /** the signed-in customer (Authorization: Bearer <customer access token>), if any */
  customer?: CustomerPrincipal;
}

/**
 * Resolves the channel before any resolver runs: a request without a valid `x-channel-token` is
 * refused as a whole (UNAUTHENTICATED, no data), so no Shop resolver can forget the check.
 */
export function shopContextFactory(channels: ChannelsService, customers: CustomerAuthService) {
  return async ({ req }: HttpContext): Promise<Pick<ShopContext, 'channel' | 'customer' | 'customerGroupIds'>> => {
    const token = req.headers['x-channel-token'];
    if (typeof token !== 'string' || token.length === 0) {
      throw new UnauthenticatedError('Send your storefront token in the x-channel-token header');
    }
    const channel = await channels.findByToken(token);
    if (!channel) throw new UnauthenticatedError('Unknown channel token (was it rotated?)');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return { channel };
    // a token that does not hold (expired, forged, another channel's) refuses the request rather than
    // quietly serving anonymous prices to someone who believes they are signed in
    const customer = await customers.principalFromAccessToken(bearer, channel.id);
    if (!customer) throw new UnauthenticatedError('Invalid or expired customer token: refresh it or sign in again');
    return { channel, customer, customerGroupIds: customer.groupIds };
  };
}

export const CurrentChannel = createParamDecorator((_: unknown, context: ExecutionContext): Channel => {
  return GqlExecutionContext.create(context).getContext<ShopContext>().channel;
});
