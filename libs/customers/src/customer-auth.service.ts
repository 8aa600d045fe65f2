import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PasswordHasher } from '@omnibus/auth';
import { Channel } from '@omnibus/channels';
import { UnauthenticatedError, UserInputError, withUniqueFieldPaths } from '@omnibus/common';
import { PrismaService } from '@omnibus/db';
import { customerRegistered } from './customer-events';
import { CustomerPrincipal, effectiveGroupIds } from './customer-principal';
import { customerAuthConfigFromEnv, hashToken, newOpaqueToken, normaliseEmail } from './customer-tokens';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';

interface CustomerJwtPayload {
  sub: string;
  typ: 'customer';
  /** the channel the account belongs to: the token is worthless on any other */
  ch: string;
}

export interface CustomerTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface RegisterCustomerData {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

const REFRESH_REFUSED = 'Invalid or expired refresh token: sign in again';

/** Storefront sign-up, sign-in, token rotation and password reset, always within one channel. */
@Injectable()
export class CustomerAuthService {
  private readonly config = customerAuthConfigFromEnv();

  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
  ) {}

  async register(channel: Channel, data: RegisterCustomerData) {
    const passwordHash = await this.hasher.hash(data.password);
    return withUniqueFieldPaths({ email: 'input.email' }, () =>
      this.prisma.$transaction(async (tx) => {
        const customer = await tx.customer.create({
          data: {
            channelId: channel.id,
            email: normaliseEmail(data.email),
            passwordHash,
            firstName: data.firstName.trim(),
            lastName: data.lastName.trim(),
          },
        });
        await customerRegistered(tx, customer);
        return customer;
      }),
    );
  }

  async validateCredentials(channelId: string, email: string, password: string): Promise<CustomerPrincipal | null> {
    const customer = await this.prisma.customer.findUnique({ where: { channelId_email: { channelId, email: normaliseEmail(email) } } });
    const ok = await this.hasher.verify(customer?.passwordHash, password);
    return ok && customer ? this.loadPrincipal(customer.id, channelId) : null;
  }

  /** Signs in: an access token and the first refresh token of a new family. */
  async issueTokens(principal: CustomerPrincipal): Promise<CustomerTokens> {
    return this.tokensFor(principal, crypto.randomUUID());
  }

  /**
   * Rotation: the presented token is used up and a new one of the same family issued. A token that
   * was already used means someone else has it, so the whole family is revoked.
   */
  async refresh(channel: Channel, refreshToken: string): Promise<{ tokens: CustomerTokens; principal: CustomerPrincipal }> {
    const row = await this.prisma.customerRefreshToken.findUnique({
      where: { tokenHash: hashToken(refreshToken) },
      include: { customer: true },
    });
    if (!row || row.customer.channelId !== channel.id || row.revokedAt || row.expiresAt <= new Date())
      throw new UnauthenticatedError(REFRESH_REFUSED);
    // conditional update: of two concurrent refreshes with one token only one wins, the other is a reuse
    const claimed = await this.prisma.customerRefreshToken.updateMany({
      where: { id: row.id, usedAt: null, revokedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count === 0) {
      await this.revokeFamily(row.familyId);
      throw new UnauthenticatedError(REFRESH_REFUSED);
    }
    const principal = await this.loadPrincipal(row.customerId, channel.id);
    if (!principal) throw new UnauthenticatedError(REFRESH_REFUSED);
    return { tokens: await this.tokensFor(principal, row.familyId), principal };
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored (the goal is reached). */
  async logout(channel: Channel, refreshToken: string): Promise<boolean> {
    const row = await this.prisma.customerRefreshToken.findUnique({
      where: { tokenHash: hashToken(refreshToken) },
      include: { customer: true },
    });
    if (row && row.customer.channelId === channel.id) await this.revokeFamily(row.familyId);
    return true;
  }

  /** Always succeeds, so the answer does not tell whether an account exists. */
  async requestPasswordReset(channel: Channel, email: string): Promise<boolean> {
    const customer = await this.prisma.customer.findUnique({
      where: { channelId_email: { channelId: channel.id, email: normaliseEmail(email) } },
    });
    if (!customer) return true;
    const token = newOpaqueToken();
    await this.prisma.customerPasswordReset.create({
      data: { customerId: customer.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + this.config.resetTtlSeconds * 1000) },
    });
    const base = this.config.resetUrl ?? (channel.domain ? `https://${channel.domain}/reset-password` : '/reset-password');
    const link = `${base}?token=${encodeURIComponent(token)}`;
    await this.mail.send({
      to: customer.email,
      kind: 'password-reset',
      subject: `${channel.name}: reset your password`,
      text: `Hello ${customer.firstName},\n\nto choose a new password open ${link}\nThe link works once, for one hour. If you did not ask for it, ignore this message.`,
      link,
    });
    return true;
  }

  /** Sets the new password, uses up the token and ends every session of the account, in one transaction. */
  async resetPassword(channel: Channel, token: string, newPassword: string): Promise<boolean> {
    const passwordHash = await this.hasher.hash(newPassword);
    const invalid = () => UserInputError.field('token', 'the reset link is invalid, used or expired');
    await this.prisma.$transaction(async (tx) => {
      const row = await tx.customerPasswordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { customer: true } });
      if (!row || row.customer.channelId !== channel.id) throw invalid();
      const claimed = await tx.customerPasswordReset.updateMany({
        where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } },
        data: { usedAt: new Date() },
      });
      if (claimed.count === 0) throw invalid();
      await tx.customer.update({ where: { id: row.customerId }, data: { passwordHash } });
      await tx.customerPasswordReset.updateMany({ where: { customerId: row.customerId, usedAt: null }, data: { usedAt: new Date() } });
      await tx.customerRefreshToken.updateMany({ where: { customerId: row.customerId, revokedAt: null }, data: { revokedAt: new Date() } });
    });
    return true;
  }

  /**
   * The customer behind `Authorization: Bearer …` on this channel; null for a bad, expired, staff or
   * other-channel token (the caller refuses the request). Groups are re-read, so changes apply at once.
   */
  async principalFromAccessToken(token: string, channelId: string): Promise<CustomerPrincipal | null> {
    let payload: Partial<CustomerJwtPayload>;
    try {
      payload = await this.jwt.verifyAsync<CustomerJwtPayload>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (payload.typ !== 'customer' || payload.ch !== channelId || typeof payload.sub !== 'string') return null;
    return this.loadPrincipal(payload.sub, channelId);
  }

  async loadPrincipal(customerId: string, channelId: string): Promise<CustomerPrincipal | null> {
    const customer = await this.prisma.customer.findUnique({
      where: { id: customerId },
      include: { groups: true, company: { include: { groups: true } } },
    });
    if (!customer || customer.channelId !== channelId) return null;
    return {
      customerId: customer.id,
      channelId: customer.channelId,
      email: customer.email,
      groupIds: effectiveGroupIds(
        customer.groups.map((g) => g.customerGroupId),
        customer.company?.groups.map((g) => g.customerGroupId),
      ),
    };
  }

  private async tokensFor(principal: CustomerPrincipal, familyId: string): Promise<CustomerTokens> {
    const payload: CustomerJwtPayload = { sub: principal.customerId, typ: 'customer', ch: principal.channelId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTtlSeconds });
    const refreshToken = newOpaqueToken();
    await this.prisma.customerRefreshToken.create({
      data: {
        customerId: principal.customerId,
        familyId,
        tokenHash: hashToken(refreshToken),
        expiresAt: new Date(Date.now() + this.config.refreshTtlSeconds * 1000),
      },
    });
    return { accessToken, refreshToken, expiresIn: this.config.accessTtlSeconds };
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.prisma.customerRefreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}
