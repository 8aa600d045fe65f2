import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { UnauthenticatedError } from '@omnibus/common';
import { clientAddress, LoginThrottle } from '@omnibus/auth';
import { CustomerPrincipal } from '../customer-principal';

interface CustomerAwareContext {
  req: { user?: unknown; body?: unknown; shopChannelId?: string };
  channel?: { id: string };
  customer?: CustomerPrincipal;
}

/**
 * Shop API operations for signed-in customers. The bearer token was already verified while the
 * request context was built (a bad one refuses the whole request); this only requires that there was one.
 */
@Injectable()
export class CustomerAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const ctx = GqlExecutionContext.create(context).getContext<CustomerAwareContext>();
    if (!ctx.customer) throw new UnauthenticatedError('Sign in (Authorization: Bearer <customer access token>)');
    return true;
  }
}

/** customerLogin: passport-local with the credentials from the mutation's arguments, in the request's channel. */
@Injectable()
export class CustomerLoginGuard extends AuthGuard('customer-local') {
  constructor(private readonly throttle: LoginThrottle) {
    super();
  }

  /** Throttled per account (channel + e-mail) and per client address, like the staff login. */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const gql = GqlExecutionContext.create(context);
    const ctx = gql.getContext<CustomerAwareContext>();
    const account = `customer:${ctx.channel?.id}:${String(gql.getArgs<{ email: string }>().email ?? '')
      .trim()
      .toLowerCase()}`;
    const address = clientAddress(ctx.req as Parameters<typeof clientAddress>[0]);
    await this.throttle.assertMayTry(account, address);
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof UnauthenticatedError || (error as { status?: number }).status === 401)
        await this.throttle.failed(account, address);
      throw error;
    }
  }

  override getRequest(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context);
    const ctx = gql.getContext<CustomerAwareContext>();
    const { email, password } = gql.getArgs<{ email: string; password: string }>();
    // passport-local reads req.body; accounts are per channel, so the strategy also needs the channel
    ctx.req.body = { email, password };
    ctx.req.shopChannelId = ctx.channel?.id;
    return ctx.req;
  }
}

/** The signed-in customer: from the context (bearer token) or, in customerLogin, from the login guard. */
export const CurrentCustomer = createParamDecorator((_: unknown, context: ExecutionContext): CustomerPrincipal => {
  const ctx = GqlExecutionContext.create(context).getContext<CustomerAwareContext>();
  return (ctx.customer ?? ctx.req.user) as CustomerPrincipal;
});
