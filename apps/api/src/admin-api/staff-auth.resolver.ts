import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  authConfigFromEnv,
  CurrentStaff,
  StaffAuthGuard,
  StaffAuthService,
  StaffLoginGuard,
  StaffPrincipal,
  StaffUsersService,
} from '@omnibus/auth';
import { mapPage, NotFoundError, PageArgs, toConnection } from '@omnibus/common';
import { ChannelGrantInput, CreateStaffUserInput, LoginInput } from './admin.inputs';
import { CreatedApiKey, LoginResult, StaffUser } from './admin.types';
import { toStaffUser } from './admin-mappers';
import { StaffUserConnection } from './admin-lists.types';

@Resolver()
export class StaffAuthResolver {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly users: StaffUsersService,
  ) {}

  @Mutation(() => LoginResult, { description: 'e-mail and password → a bearer token' })
  @UseGuards(StaffLoginGuard)
  async login(@Args('input') _input: LoginInput, @CurrentStaff() principal: StaffPrincipal): Promise<LoginResult> {
    return {
      accessToken: await this.auth.issueAccessToken(principal),
      expiresIn: authConfigFromEnv().jwtTtlSeconds,
      user: await this.me(principal),
    };
  }

  @Query(() => StaffUser, { description: 'the signed-in staff user, with their grants' })
  @UseGuards(StaffAuthGuard)
  async me(@CurrentStaff() principal: StaffPrincipal): Promise<StaffUser> {
    const user = await this.users.findByEmail(principal.email);
    if (!user) throw new NotFoundError('Staff user');
    return toStaffUser(user);
  }

  @Query(() => StaffUserConnection, { description: 'every staff user, by email; superadmin only' })
  @UseGuards(StaffAuthGuard)
  async staffUsers(@CurrentStaff() principal: StaffPrincipal, @Args() args: PageArgs) {
    return toConnection(mapPage(await this.users.page(principal, args), toStaffUser));
  }

  @Mutation(() => StaffUser, { description: 'superadmin only' })
  @UseGuards(StaffAuthGuard)
  async createStaffUser(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: CreateStaffUserInput): Promise<StaffUser> {
    return toStaffUser(await this.users.create(principal, input));
  }

  @Mutation(() => StaffUser, { description: "replaces the user's channel grants; superadmin only" })
  @UseGuards(StaffAuthGuard)
  async setStaffGrants(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('userId') userId: string,
    @Args('grants', { type: () => [ChannelGrantInput], description: 'every grant the user is to have: replaces their grants' })
    grants: ChannelGrantInput[],
  ): Promise<StaffUser> {
    return toStaffUser(await this.users.setGrants(principal, userId, grants));
  }

  @Mutation(() => CreatedApiKey, { description: 'a key acting with your own rights, for server-to-server calls' })
  @UseGuards(StaffAuthGuard)
  createApiKey(@CurrentStaff() principal: StaffPrincipal, @Args('name') name: string): Promise<CreatedApiKey> {
    return this.auth.createApiKey(principal.userId, name);
  }
}
