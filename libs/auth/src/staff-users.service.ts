import { Injectable } from '@nestjs/common';
import { PrismaService } from '@omnibus/db';
import { NotFoundError, PageQuery, readPage, UserInputError } from '@omnibus/common';
import { PasswordHasher } from './password-hasher';
import { AccessPolicy, ChannelRole, StaffPrincipal } from './staff-principal';

export interface ChannelGrant {
  channelId: string;
  role: ChannelRole;
}

export interface CreateStaffUserData {
  email: string;
  name: string;
  password: string;
  superadmin?: boolean;
  grants?: ChannelGrant[];
}

/** Staff accounts and their channel grants; only superadmins manage them. */
@Injectable()
export class StaffUsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(actor: StaffPrincipal | 'system', data: CreateStaffUserData) {
    if (actor !== 'system') AccessPolicy.assertSuperadmin(actor);
    const passwordHash = await this.hasher.hash(data.password);
    return this.prisma.staffUser.create({
      data: {
        email: data.email.trim().toLowerCase(),
        name: data.name,
        passwordHash,
        superadmin: data.superadmin ?? false,
        roles: { create: (data.grants ?? []).map((g) => ({ channelId: g.channelId, role: g.role })) },
      },
      include: { roles: true },
    });
  }

  /** Replaces the user's grants with the given set, in one transaction. */
  async setGrants(actor: StaffPrincipal, userId: string, grants: ChannelGrant[]) {
    AccessPolicy.assertSuperadmin(actor);
    const ids = grants.map((g) => g.channelId);
    if (new Set(ids).size !== ids.length) throw UserInputError.field('grants', 'a channel is listed twice');
    return this.prisma.$transaction(async (tx) => {
      const user = await tx.staffUser.findUnique({ where: { id: userId } });
      if (!user) throw new NotFoundError('Staff user', userId);
      await tx.staffChannelRole.deleteMany({ where: { userId } });
      await tx.staffChannelRole.createMany({ data: grants.map((g) => ({ userId, channelId: g.channelId, role: g.role })) });
      return tx.staffUser.findUniqueOrThrow({ where: { id: userId }, include: { roles: true } });
    });
  }

  /** A page of every staff user, by email (superadmins only). */
  page(actor: StaffPrincipal, query: PageQuery) {
    AccessPolicy.assertSuperadmin(actor);
    return readPage(
      query,
      [{ field: 'email' }],
      (seek) => this.prisma.staffUser.findMany({ where: seek.where({}), orderBy: seek.orderBy, take: seek.take, include: { roles: true } }),
      () => this.prisma.staffUser.count(),
    );
  }

  /**
   * Sets a user's password (the command line's `reset-password`, run by an operator with database
   * access, hence 'system'); NOT_FOUND for an unknown email.
   */
  async resetPassword(actor: StaffPrincipal | 'system', email: string, password: string) {
    if (actor !== 'system') AccessPolicy.assertSuperadmin(actor);
    const user = await this.findByEmail(email.trim());
    if (!user) throw new NotFoundError('Staff user', email);
    const passwordHash = await this.hasher.hash(password);
    return this.prisma.staffUser.update({ where: { id: user.id }, data: { passwordHash }, include: { roles: true } });
  }

  findByEmail(email: string) {
    return this.prisma.staffUser.findUnique({ where: { email: email.toLowerCase() }, include: { roles: true } });
  }
}
