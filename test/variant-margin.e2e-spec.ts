import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { email: 'admin@omnibus.demo', password: 'omnibus-admin-demo' };
const PRODUCT = `query($id: ID!) { adminProduct(id: $id) { variants { sku cost { amount currency }
  prices { channelCode amount currency } margins { channelCode netPrice { amount } cost { amount } margin { amount } marginBps } } } }`;

// Staff see the ERP's cost of a variant and its margin per channel, net of tax, without adding currencies.
describe('variant cost and margin in the Admin API', () => {
  let t: TestApp;
  let admin: { bearer: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = { bearer: await t.login(ADMIN.email, ADMIN.password) };
  });
  afterAll(() => t.close());

  it('shows the cost, and the margin of each base price net of the channel home tax', async () => {
    const nordwind = await t.prisma.channel.findUniqueOrThrow({ where: { code: 'nordwind' } });
    const price = await t.prisma.variantPrice.findFirstOrThrow({ where: { channelId: nordwind.id }, include: { variant: true } });
    const rate = await t.prisma.taxRate.findUniqueOrThrow({
      where: { channelId_countryCode: { channelId: nordwind.id, countryCode: nordwind.taxCountryCode } },
    });
    expect(nordwind.taxInclusive).toBe(true);
    await t.prisma.productVariant.update({ where: { id: price.variantId }, data: { costPrice: 1000, costCurrency: 'EUR' } });

    const res = await t.admin(admin, PRODUCT, { id: price.variant.productId });
    expect(res.errors).toBeUndefined();
    const variant = res.data.adminProduct.variants.find((v: { sku: string }) => v.sku === price.variant.sku);
    expect(variant.cost).toEqual({ amount: 1000, currency: 'EUR' });
    const margin = variant.margins.find((m: { channelCode: string }) => m.channelCode === 'nordwind');
    // computed by hand: the net of a tax-inclusive gross is gross × 10000 / (10000 + rate), rounded half up
    const net = Math.round((price.amount * 10_000) / (10_000 + rate.rateBps));
    expect(margin).toEqual({
      channelCode: 'nordwind',
      netPrice: { amount: net },
      cost: { amount: 1000 },
      margin: { amount: net - 1000 },
      marginBps: Math.round(((net - 1000) * 10_000) / net),
    });
    // a channel that sells in another currency gets no margin against a EUR cost
    for (const p of variant.prices.filter((p: { currency: string }) => p.currency !== 'EUR'))
      expect(variant.margins.some((m: { channelCode: string }) => m.channelCode === p.channelCode)).toBe(false);
  });

  it('shows no cost and no margins while the ERP has not told the cost', async () => {
    const price = await t.prisma.variantPrice.findFirstOrThrow({ where: { variant: { costPrice: null } }, include: { variant: true } });
    const res = await t.admin(admin, PRODUCT, { id: price.variant.productId });
    const variant = res.data.adminProduct.variants.find((v: { sku: string }) => v.sku === price.variant.sku);
    expect(variant).toMatchObject({ cost: null, margins: [] });
  });
});
