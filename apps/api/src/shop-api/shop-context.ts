import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ChannelsService, Channel } from '@omnibus/channels';
import { HttpContext, UnauthenticatedError } from '@omnibus/common';

export interface ShopContext extends HttpContext {
  channel: Channel;
  /** customer groups of the signed-in customer (none for anonymous shoppers) */
  customerGroupIds?: string[];
}

/**
 * Resolves the channel before any resolver runs: a request without a valid `x-channel-token` is
 * refused as a whole (UNAUTHENTICATED, no data), so no Shop resolver can forget the check.
 */
export function shopContextFactory(channels: ChannelsService) {
  return async ({ req }: HttpContext): Promise<{ channel: Channel }> => {
    const token = req.headers['x-channel-token'];
    if (typeof token !== 'string' || token.length === 0) {
      throw new UnauthenticatedError('Send your storefront token in the x-channel-token header');
    }
    const channel = await channels.findByToken(token);
    if (!channel) throw new UnauthenticatedError('Unknown channel token (was it rotated?)');
    return { channel };
  };
}

export const CurrentChannel = createParamDecorator((_: unknown, context: ExecutionContext): Channel => {
  return GqlExecutionContext.create(context).getContext<ShopContext>().channel;
});
