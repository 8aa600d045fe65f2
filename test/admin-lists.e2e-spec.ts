import { startTestApp, TestApp } from './support/test-app';

/**
 * The Admin API's root lists are Relay connections, keyset-paged by their services: walking a list
 * page by page gives exactly the rows of one big page, in the same order, without duplicates or gaps.
 */
describe('Admin API root lists as connections', () => {
  let t: TestApp;
  let admin: { bearer: string };
  let nwManager: { bearer: string };
  let nordwind: string;
  let priceListId: string;
  let sku: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = { bearer: await t.login('admin@omnibus.demo', 'omnibus-admin-demo') };
    nwManager = { bearer: await t.login('manager@nordwind.demo', 'nordwind-manager-demo') };
    const channel = await t.prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' } });
    nordwind = channel.id;
    // companies sharing a name: the keyset must break the tie by id, or a page boundary loses or repeats one
    await t.prisma.company.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        channelId: nordwind,
        name: i % 2 ? 'Acme' : `Zeta ${i}`,
        currencyCode: channel.currencyCode,
      })),
    });
    // a price list with entries over several variants and quantity breaks (composite key, no id)
    const variants = await t.prisma.productVariant.findMany({ take: 6, orderBy: { sku: 'asc' } });
    sku = variants[0].sku;
    const list = await t.prisma.priceList.create({
      data: { code: 'paging-test', name: 'Paging', channelId: nordwind, currencyCode: channel.currencyCode },
    });
    priceListId = list.id;
    await t.prisma.priceListEntry.createMany({
      data: variants.flatMap((v) =>
        [1, 10, 50].map((minQuantity) => ({ priceListId, variantId: v.id, minQuantity, amount: 1000 - minQuantity })),
      ),
    });
  });
  afterAll(() => t?.close());

  /** [list field, its other arguments, the selection that identifies a node] */
  const lists = (): [string, string, string][] => [
    ['adminCategories', '', 'id'],
    ['channelWarehouses', `channelId: "${nordwind}"`, 'priority warehouse { code }'],
    ['channels', '', 'id'],
    ['companies', `channelId: "${nordwind}"`, 'id name'],
    ['customerGroups', '', 'id'],
    ['priceListEntries', `priceListId: "${priceListId}"`, 'sku minQuantity'],
    ['priceLists', '', 'id'],
    ['promotions', `channelId: "${nordwind}"`, 'id'],
    ['shippingMethods', `channelId: "${nordwind}"`, 'id'],
    ['staffUsers', '', 'id'],
    ['syncConnectors', '', 'id'],
    ['syncDrift', '', 'id'],
    ['taxRates', `channelId: "${nordwind}"`, 'id'],
    ['variantStock', `sku: "${sku}"`, 'warehouseCode'],
    ['warehouses', '', 'id'],
  ];

  const query = (field: string, args: string, selection: string, first: number, after?: string) =>
    `{ ${field}(${[args, `first: ${first}`, after ? `after: "${after}"` : ''].filter(Boolean).join(', ')}) {
      totalCount edges { cursor node { ${selection} } } nodes { ${selection} }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

  it('walks every list in pages of 2 to exactly the rows of one page of 100', async () => {
    for (const [field, args, selection] of lists()) {
      const whole = await t.admin(admin, query(field, args, selection, 100));
      expect({ field, errors: whole.errors }).toEqual({ field, errors: undefined });
      const all = whole.data[field];
      expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
      expect(all.totalCount).toBe(all.nodes.length);
      expect(all.edges.map((e: { node: unknown }) => e.node)).toEqual(all.nodes);

      const walked: unknown[] = [];
      let after: string | undefined;
      for (let page = 0; page < 60; page++) {
        const res = await t.admin(admin, query(field, args, selection, 2, after));
        expect({ field, errors: res.errors }).toEqual({ field, errors: undefined });
        const conn = res.data[field];
        expect(conn.totalCount).toBe(all.totalCount);
        expect(conn.pageInfo.hasPreviousPage).toBe(page > 0);
        expect(conn.pageInfo.startCursor).toBe(conn.edges[0]?.cursor ?? null);
        expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1]?.cursor ?? null);
        walked.push(...conn.nodes);
        if (!conn.pageInfo.hasNextPage) break;
        expect(conn.nodes).toHaveLength(2);
        after = conn.pageInfo.endCursor;
      }
      expect({ field, walked }).toEqual({ field, walked: all.nodes });
    }
  });

  it('has enough rows in the lists with composite keys to cross several pages', async () => {
    const entries = await t.admin(admin, query('priceListEntries', `priceListId: "${priceListId}"`, 'sku minQuantity', 100));
    expect(entries.data.priceListEntries.totalCount).toBe(18);
    const companies = await t.admin(admin, query('companies', `channelId: "${nordwind}"`, 'name', 100));
    expect(companies.data.companies.nodes.filter((c: { name: string }) => c.name === 'Acme').length).toBeGreaterThanOrEqual(3);
    const names = companies.data.companies.nodes.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it('sees a new row on the next page without repeating or skipping the ones already read', async () => {
    const args = `channelId: "${nordwind}"`;
    const first = await t.admin(admin, query('companies', args, 'id name', 2));
    const seen = first.data.companies.nodes.map((c: { id: string }) => c.id);
    // a row sorting before the cursor appears in no later page; the rest continue where they stopped
    await t.prisma.company.create({ data: { channelId: nordwind, name: 'AAA first', currencyCode: 'EUR' } });
    const rest = await t.admin(admin, query('companies', args, 'id name', 100, first.data.companies.pageInfo.endCursor));
    const restIds = rest.data.companies.nodes.map((c: { id: string }) => c.id);
    expect(restIds.filter((id: string) => seen.includes(id))).toEqual([]);
    expect(rest.data.companies.nodes.map((c: { name: string }) => c.name)).not.toContain('AAA first');
  });

  it('refuses a page size over the maximum or under 1, and a cursor it did not issue, with BAD_USER_INPUT', async () => {
    const fieldsOf = (res: any) => ({
      code: res.errors?.[0]?.extensions?.code,
      paths: res.errors?.[0]?.extensions?.fields?.map((f: any) => f.path),
    });
    expect(fieldsOf(await t.admin(admin, '{ channels(first: 101) { nodes { id } } }'))).toEqual({
      code: 'BAD_USER_INPUT',
      paths: ['first'],
    });
    expect(fieldsOf(await t.admin(admin, '{ warehouses(first: 0) { nodes { id } } }'))).toEqual({
      code: 'BAD_USER_INPUT',
      paths: ['first'],
    });
    expect(fieldsOf(await t.admin(admin, '{ channels(after: "garbage") { nodes { id } } }'))).toEqual({
      code: 'BAD_USER_INPUT',
      paths: ['after'],
    });
    // a cursor of another list (a two-column key) is no cursor of this one
    const companies = await t.admin(admin, query('companies', `channelId: "${nordwind}"`, 'id', 1));
    const foreign = companies.data.companies.pageInfo.endCursor;
    const res = await t.admin(admin, `{ taxRates(channelId: "${nordwind}", after: "${foreign}") { nodes { id } } }`);
    expect(fieldsOf(res)).toEqual({ code: 'BAD_USER_INPUT', paths: ['after'] });
    expect(res.data).toBeNull();
  });

  it('keeps each list to what the caller may see', async () => {
    const brooklyn = (await t.prisma.channel.findUniqueOrThrow({ where: { code: 'brooklyn' } })).id;
    const res = await t.admin(nwManager, `{ companies(channelId: "${brooklyn}") { totalCount nodes { id } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const channels = await t.admin(nwManager, '{ channels { totalCount nodes { code } } }');
    expect(channels.data.channels).toEqual({ totalCount: 1, nodes: [{ code: 'nordwind' }] });
    const staff = await t.admin(nwManager, '{ staffUsers { nodes { id } } }');
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
