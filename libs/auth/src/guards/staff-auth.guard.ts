import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { UnauthenticatedError } from '@omnibus/common';
import { clientAddress, LoginThrottle } from '../throttle/login-throttle.service';

/** Admin API: a staff JWT (Authorization: Bearer) or an API key (x-api-key). */
@Injectable()
export class StaffAuthGuard extends AuthGuard(['jwt', 'api-key']) {
  override getRequest(context: ExecutionContext) {
    return GqlExecutionContext.create(context).getContext().req;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new UnauthenticatedError('Sign in (Authorization: Bearer <token>) or send an API key (x-api-key)');
    return user;
  }
}

/** Plain HTTP routes of the Admin API (report downloads): the same credentials as StaffAuthGuard. */
@Injectable()
export class StaffHttpAuthGuard extends AuthGuard(['jwt', 'api-key']) {
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new UnauthenticatedError('Sign in (Authorization: Bearer <token>) or send an API key (x-api-key)');
    return user;
  }
}

/** The login mutation: passport-local reads e-mail and password from the mutation's arguments. */
@Injectable()
export class StaffLoginGuard extends AuthGuard('local') {
  constructor(private readonly throttle: LoginThrottle) {
    super();
  }

  /** Throttled per account and per client address: a refused attempt counts, and past the limit none is tried. */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const gql = GqlExecutionContext.create(context);
    const account = `staff:${String(gql.getArgs<{ input: { email: string } }>().input?.email ?? '')
      .trim()
      .toLowerCase()}`;
    const address = clientAddress(gql.getContext().req);
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
    const req = gql.getContext().req;
    const { input } = gql.getArgs<{ input: { email: string; password: string } }>();
    // passport-local reads credentials from req.body; GraphQL carries them in the mutation's arguments
    req.body = { email: input.email, password: input.password };
    return req;
  }
}
