import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserInputError } from '@omnibus/common';
import { PrismaService } from '@omnibus/db';
import { generateApiKey, parseApiKey, secretMatches } from './api-key';
import { PasswordHasher } from './password-hasher';
import { ChannelRole, StaffPrincipal } from './staff-principal';

interface StaffJwtPayload {
  sub: string;
  typ: 'staff';
}

/** Sign-in, tokens and API keys for staff. Grants are re-read on every request, so revoking works at once. */
@Injectable()
export class StaffAuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  async validateCredentials(email: string, password: string): Promise<StaffPrincipal | null> {
    const user = await this.prisma.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } });
    const ok = await this.hasher.verify(user?.active ? user.passwordHash : undefined, password);
    return ok && user ? this.loadPrincipal(user.id, 'password') : null;
  }

  async issueAccessToken(principal: StaffPrincipal): Promise<string> {
    const payload: StaffJwtPayload = { sub: principal.userId, typ: 'staff' };
    return this.jwt.signAsync(payload);
  }

  async principalFromJwtPayload(payload: Partial<StaffJwtPayload>): Promise<StaffPrincipal | null> {
    if (payload.typ !== 'staff' || typeof payload.sub !== 'string') return null;
    return this.loadPrincipal(payload.sub, 'jwt');
  }

  async principalFromApiKey(key: string): Promise<StaffPrincipal | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    const row = await this.prisma.apiKey.findUnique({ where: { prefix: parsed.prefix } });
    if (!row || row.revokedAt || !secretMatches(parsed.secret, row.secretHash)) return null;
    // last-use is informational: never let it fail or slow the request
    void this.prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
    return this.loadPrincipal(row.userId, 'api-key');
  }

  async createApiKey(userId: string, name: string): Promise<{ id: string; key: string }> {
    name = name.trim();
    if (name.length < 1 || name.length > 80) throw UserInputError.field('name', 'name must be 1 to 80 characters');
    const { key, prefix, secretHash } = generateApiKey();
    const row = await this.prisma.apiKey.create({ data: { userId, name, prefix, secretHash } });
    return { id: row.id, key };
  }

  async loadPrincipal(userId: string, via: StaffPrincipal['via']): Promise<StaffPrincipal | null> {
    const user = await this.prisma.staffUser.findUnique({ where: { id: userId }, include: { roles: true } });
    if (!user || !user.active) return null;
    return {
      userId: user.id,
      email: user.email,
      superadmin: user.superadmin,
      roles: new Map(user.roles.map((r) => [r.channelId, r.role as ChannelRole])),
      via,
    };
  }
}
