import type { Prisma } from '@omnibus/db';

/**
 * The next number of a per-channel document series, e.g. ("NW", "INV") → NW-INV-000001. The upsert
 * locks the sequence row until the transaction ends, so concurrent writers never share a number.
 */
export async function nextDocumentNumber(
  tx: Prisma.TransactionClient,
  channel: { id: string; orderNumberPrefix: string },
  kind: string,
): Promise<string> {
  const [row] = await tx.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "ChannelDocumentSequence" ("channelId", "kind", "lastValue") VALUES (${channel.id}::uuid, ${kind}, 1)
    ON CONFLICT ("channelId", "kind") DO UPDATE SET "lastValue" = "ChannelDocumentSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  return `${channel.orderNumberPrefix}-${kind}-${String(row.lastValue).padStart(6, '0')}`;
}
