import { startTestApp, TestApp } from './support/test-app';
import { BK_MANAGER } from './support/portal-fixtures';

/** Issue 10, item 8: another brand's warehouses and SKUs look exactly like missing ones to a brand manager. */
describe('Brand isolation of metadata', () => {
  let t: TestApp;
  let manager: string;
  let brooklynId: string;
  let foreignSku: string;
  let foreignWarehouse: { id: string; code: string };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login(BK_MANAGER.email, BK_MANAGER.password);
    const [nordwind, brooklyn] = await Promise.all(
      ['nordwind', 'brooklyn'].map((code) => t.prisma.channel.findUniqueOrThrow({ where: { code } })),
    );
    brooklynId = brooklyn.id;
    const served = await t.prisma.warehouse.findMany({ include: { channels: true } });
    const onlyNordwind = served.find((w) => w.channels.length > 0 && w.channels.every((c) => c.channelId === nordwind.id));
    if (!onlyNordwind) throw new Error('the demo data has no warehouse serving Nordwind alone');
    foreignWarehouse = { id: onlyNordwind.id, code: onlyNordwind.code };
    const variant = await t.prisma.productVariant.findFirstOrThrow({
      where: {
        product: { publications: { some: { channelId: nordwind.id }, none: { channelId: brooklyn.id } } },
      },
    });
    foreignSku = variant.sku;
  });
  afterAll(() => t?.close());

  /** The error a caller sees, with the key it asked for taken out of the message. */
  const refusal = (res: { data?: unknown; errors?: unknown[] }, key: string) =>
    JSON.parse(JSON.stringify({ data: res.data ?? null, errors: res.errors }).replaceAll(key, '<key>'));

  it('lists no warehouse of another brand and answers NOT_FOUND for one, as for a missing id', async () => {
    const list = await t.admin({ bearer: manager }, '{ warehouses(first: 100) { nodes { id code address } } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.warehouses.nodes.map((w: { code: string }) => w.code)).not.toContain(foreignWarehouse.code);
    const foreign = await t.admin({ bearer: manager }, 'query($id: ID!) { warehouse(id: $id) { code address } }', {
      id: foreignWarehouse.id,
    });
    const missingId = '00000000-0000-4000-8000-000000000000';
    const missing = await t.admin({ bearer: manager }, 'query($id: ID!) { warehouse(id: $id) { code address } }', { id: missingId });
    expect(refusal(foreign, foreignWarehouse.id)).toEqual(refusal(missing, missingId));
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers variantStock, explainPrice and upsertPriceListEntries for another brand’s SKU exactly as for a missing one', async () => {
    const missingSku = 'NO-SUCH-SKU-0001';
    const stock = (sku: string) =>
      t.admin({ bearer: manager }, 'query($s: String) { variantStock(sku: $s) { nodes { onHand } } }', { s: sku });
    expect(refusal(await stock(foreignSku), foreignSku)).toEqual(refusal(await stock(missingSku), missingSku));
    expect((await stock(foreignSku)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const explain = (sku: string) =>
      t.admin({ bearer: manager }, 'query($c: ID!, $s: String!) { explainPrice(channelId: $c, sku: $s) { __typename } }', {
        c: brooklynId,
        s: sku,
      });
    expect(refusal(await explain(foreignSku), foreignSku)).toEqual(refusal(await explain(missingSku), missingSku));

    const list = await t.prisma.priceList.create({
      data: { code: 'isolation-probe', channelId: brooklynId, name: 'isolation probe', currencyCode: 'USD', owner: 'COMMERCE' },
    });
    const upsert = (sku: string) =>
      t.admin(
        { bearer: manager },
        'mutation($l: ID!, $e: [PriceListEntryInput!]!) { upsertPriceListEntries(priceListId: $l, entries: $e) }',
        {
          l: list.id,
          e: [{ sku, amount: 1000 }],
        },
      );
    const foreign = await upsert(foreignSku);
    expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refusal(foreign, foreignSku)).toEqual(refusal(await upsert(missingSku), missingSku));
    expect(await t.prisma.priceListEntry.count({ where: { priceListId: list.id } })).toBe(0);
  });
});
