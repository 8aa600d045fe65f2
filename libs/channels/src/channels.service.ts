import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AccessPolicy, StaffPrincipal, sha256 } from '@omnibus/auth';
import { isUuid, NotFoundError, Page, PageQuery, readPage, UserInputError } from '@omnibus/common';
import { Prisma, PrismaService } from '@omnibus/db';
import { channelTokenFields, generateChannelToken } from './channel-token';
import { Channel, ChannelIdentity, ChannelSettings, CreateChannelData } from './channel.types';
import { isKnownCurrency } from './currencies';

/**
 * Channels and their storefront tokens. Token look-ups sit on every Shop API request, so they are
 * cached briefly; a rotation clears this process's cache at once and other processes within the TTL.
 */
@Injectable()
export class ChannelsService {
  static readonly TOKEN_CACHE_TTL_MS = 5_000;
  private readonly byTokenHash = new LRUCache<string, Channel>({ max: 1000, ttl: ChannelsService.TOKEN_CACHE_TTL_MS });
  // code, kind and currency never change after creation, so they are cached for the life of the process
  private readonly identityById = new LRUCache<string, ChannelIdentity>({ max: 10_000 });

  private domainOrigins?: { at: number; origins: Set<string> };

  constructor(private readonly prisma: PrismaService) {}

  /**
   * The browser origins of the channels' storefronts (`https://<domain>`, or the domain as written
   * when it names its scheme), for CORS; re-read at most every TOKEN_CACHE_TTL_MS.
   */
  async storefrontOrigins(): Promise<Set<string>> {
    if (this.domainOrigins && Date.now() - this.domainOrigins.at < ChannelsService.TOKEN_CACHE_TTL_MS) return this.domainOrigins.origins;
    const rows = await this.prisma.channel.findMany({ where: { domain: { not: null } }, select: { domain: true } });
    const origins = new Set(
      rows.flatMap((r) => (r.domain ? [/^https?:\/\//i.test(r.domain) ? r.domain.replace(/\/+$/, '') : `https://${r.domain}`] : [])),
    );
    this.domainOrigins = { at: Date.now(), origins };
    return origins;
  }

  async findByToken(token: string): Promise<Channel | null> {
    const hash = sha256(token);
    const cached = this.byTokenHash.get(hash);
    if (cached) return cached;
    const channel = await this.prisma.channel.findUnique({ where: { tokenHash: hash } });
    if (channel) this.byTokenHash.set(hash, channel);
    return channel;
  }

  /** A page of the channels granted to the caller, by code. */
  /** Every channel the caller may read, whole (for reports over "all my channels"; the Admin list pages with `pageFor`). */
  async listFor(principal: StaffPrincipal): Promise<Channel[]> {
    const ids = AccessPolicy.readableChannelIds(principal);
    return this.prisma.channel.findMany({ where: ids ? { id: { in: ids } } : {}, orderBy: { code: 'asc' } });
  }

  pageFor(principal: StaffPrincipal, query: PageQuery): Promise<Page<Channel>> {
    const ids = AccessPolicy.readableChannelIds(principal);
    const where: Prisma.ChannelWhereInput = ids ? { id: { in: ids } } : {};
    return readPage(
      query,
      [{ field: 'code' }],
      (seek) => this.prisma.channel.findMany({ where: seek.where(where), orderBy: seek.orderBy, take: seek.take }),
      () => this.prisma.channel.count({ where }),
    );
  }

  async getFor(principal: StaffPrincipal, id: string): Promise<Channel> {
    AccessPolicy.assertRead(principal, id);
    const channel = await this.prisma.channel.findUnique({ where: { id } });
    if (!channel) throw new NotFoundError('Channel', id);
    return channel;
  }

  /** Creates a channel; returns the storefront token, which is not stored and cannot be shown again. */
  async create(actor: StaffPrincipal | 'system', data: CreateChannelData): Promise<{ channel: Channel; token: string }> {
    if (actor !== 'system') AccessPolicy.assertSuperadmin(actor);
    if (!isKnownCurrency(data.currencyCode)) throw UserInputError.field('input.currencyCode', `unknown currency "${data.currencyCode}"`);
    const token = data.token ?? generateChannelToken(data.code);
    const { token: _, ...fields } = data;
    const channel = await this.prisma.channel.create({ data: { ...fields, ...channelTokenFields(token) } });
    return { channel, token };
  }

  async updateSettings(actor: StaffPrincipal, id: string, settings: ChannelSettings): Promise<Channel> {
    AccessPolicy.assertWrite(actor, id);
    await this.getFor(actor, id);
    const channel = await this.prisma.channel.update({ where: { id }, data: settings });
    this.byTokenHash.clear();
    return channel;
  }

  async rotateToken(actor: StaffPrincipal, id: string): Promise<{ channel: Channel; token: string }> {
    AccessPolicy.assertWrite(actor, id);
    const current = await this.getFor(actor, id);
    const token = generateChannelToken(current.code);
    const channel = await this.prisma.channel.update({
      where: { id },
      data: { ...channelTokenFields(token), tokenRotatedAt: new Date() },
    });
    this.byTokenHash.delete(current.tokenHash);
    return { channel, token };
  }

  /**
   * The channel row, for services acting for the system (sync, checkout); callers check access
   * themselves. Inside a transaction pass it as `db` (the embedded database has one connection).
   */
  async get(id: string, db: Prisma.TransactionClient = this.prisma): Promise<Channel | null> {
    return isUuid(id) ? db.channel.findUnique({ where: { id } }) : null;
  }

  /** Like `get`, NOT_FOUND when there is no such channel. */
  async require(id: string, db: Prisma.TransactionClient = this.prisma): Promise<Channel> {
    const channel = await this.get(id, db);
    if (!channel) throw new NotFoundError('Channel', id);
    return channel;
  }

  /** Several channel rows at once, by id (unknown ids are left out). */
  async getMany(ids: Iterable<string>): Promise<Map<string, Channel>> {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (wanted.length === 0) return new Map();
    const rows = await this.prisma.channel.findMany({ where: { id: { in: wanted } } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  async findByCode(code: string): Promise<Channel | null> {
    return this.prisma.channel.findUnique({ where: { code } });
  }

  async findAll(): Promise<Channel[]> {
    return this.prisma.channel.findMany({ orderBy: { code: 'asc' } });
  }

  /** The unchanging facts (code, kind, currency) of several channels at once; unknown ids are left out. */
  async identities(ids: Iterable<string>, db: Prisma.TransactionClient = this.prisma): Promise<Map<string, ChannelIdentity>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.identityById.has(id) && isUuid(id));
    if (missing.length) {
      const rows = await db.channel.findMany({
        where: { id: { in: missing } },
        select: { id: true, code: true, kind: true, currencyCode: true },
      });
      for (const row of rows) this.identityById.set(row.id, row);
    }
    const found = new Map<string, ChannelIdentity>();
    for (const id of wanted) {
      const identity = this.identityById.get(id);
      if (identity) found.set(id, identity);
    }
    return found;
  }

  async identity(id: string, db: Prisma.TransactionClient = this.prisma): Promise<ChannelIdentity | null> {
    return (await this.identities([id], db)).get(id) ?? null;
  }

  async idsByCode(codes: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.channel.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
    return new Map(rows.map((r) => [r.code, r.id]));
  }
}
