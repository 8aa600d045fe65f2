import { PrismaService } from '@omnibus/db';

/** Grams per unit by category: deterministic, so carts and tests can rely on a parcel's weight. */
export const DEMO_WEIGHTS: Record<string, number> = {
  't-shirts': 200,
  hoodies: 600,
  jackets: 900,
  tents: 3_500,
  backpacks: 1_400,
  mugs: 400,
  lamps: 1_200,
};

const EU_CORE = ['DE', 'AT', 'NL', 'FR'];

/**
 * Shipping methods and tax rates per channel. Nordwind (EUR, tax-inclusive): standard 4.95 flat, free
 * from 100 EUR, to DE/AT/NL/FR, and weight-based express to DE/AT (always dearer, so standard is the
 * default); VAT DE 19 %, AT 20 %, NL 21 %, FR 20 %. Brooklyn (USD, tax added): weight-based ground
 * and flat priority in the US; its US rate is 0 % (state sales tax is out of scope) and its tax
 * country is US. Marketplace: one flat method anywhere in the EU core, German VAT.
 */
export const DEMO_SHIPPING = {
  nordwind: {
    taxCountryCode: 'DE',
    methods: [
      {
        code: 'standard',
        name: 'Standard (DHL Paket)',
        kind: 'FLAT' as const,
        flatRate: 495,
        freeAbove: 10_000,
        countryCodes: EU_CORE,
        position: 0,
      },
      {
        code: 'express',
        name: 'Express (next day)',
        kind: 'WEIGHT' as const,
        countryCodes: ['DE', 'AT'],
        position: 1,
        weightRates: [
          { upToGrams: 2_000, amount: 990 },
          { upToGrams: 10_000, amount: 1_490 },
          { upToGrams: 31_500, amount: 2_490 },
        ],
      },
    ],
    taxRates: [
      { countryCode: 'DE', rateBps: 1_900, name: 'MwSt. 19 %' },
      { countryCode: 'AT', rateBps: 2_000, name: 'USt. 20 %' },
      { countryCode: 'NL', rateBps: 2_100, name: 'BTW 21 %' },
      { countryCode: 'FR', rateBps: 2_000, name: 'TVA 20 %' },
    ],
  },
  brooklyn: {
    taxCountryCode: 'US',
    methods: [
      {
        code: 'ground',
        name: 'Ground (3-5 days)',
        kind: 'WEIGHT' as const,
        countryCodes: ['US'],
        freeAbove: 15_000,
        position: 0,
        weightRates: [
          { upToGrams: 1_000, amount: 599 },
          { upToGrams: 5_000, amount: 999 },
          { upToGrams: 30_000, amount: 1_999 },
        ],
      },
      { code: 'priority', name: 'Priority (2 days)', kind: 'FLAT' as const, flatRate: 2_500, countryCodes: ['US'], position: 1 },
    ],
    taxRates: [{ countryCode: 'US', rateBps: 0, name: 'US sales tax (not collected)' }],
  },
  marketplace: {
    taxCountryCode: 'DE',
    methods: [{ code: 'standard', name: 'Marketplace standard', kind: 'FLAT' as const, flatRate: 390, countryCodes: EU_CORE, position: 0 }],
    taxRates: [{ countryCode: 'DE', rateBps: 1_900, name: 'MwSt. 19 %' }],
  },
};

export async function seedDemoShipping(
  prisma: PrismaService,
  channelIds: Map<string, string>,
  categoryIds: Map<string, string>,
): Promise<void> {
  for (const [slug, grams] of Object.entries(DEMO_WEIGHTS)) {
    const categoryId = categoryIds.get(slug);
    if (categoryId) await prisma.productVariant.updateMany({ where: { product: { categoryId } }, data: { weightGrams: grams } });
  }
  for (const [code, setup] of Object.entries(DEMO_SHIPPING)) {
    const channelId = channelIds.get(code);
    if (!channelId) continue;
    await prisma.channel.update({ where: { id: channelId }, data: { taxCountryCode: setup.taxCountryCode } });
    await prisma.shippingMethod.createMany({ data: setup.methods.map((m) => ({ ...m, channelId })) });
    await prisma.taxRate.createMany({ data: setup.taxRates.map((r) => ({ ...r, channelId })) });
  }
}
