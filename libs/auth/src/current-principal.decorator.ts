import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { StaffPrincipal } from './staff-principal';

/** The authenticated staff member, set by StaffAuthGuard or StaffLoginGuard. */
export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): StaffPrincipal => {
  return GqlExecutionContext.create(context).getContext().req.user;
});
