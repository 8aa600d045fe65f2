import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { UnauthenticatedError } from '@omnibus/common';

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
  override getRequest(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context);
    const req = gql.getContext().req;
    const { input } = gql.getArgs<{ input: { email: string; password: string } }>();
    // passport-local reads credentials from req.body; GraphQL carries them in the mutation's arguments
    req.body = { email: input.email, password: input.password };
    return req;
  }
}
