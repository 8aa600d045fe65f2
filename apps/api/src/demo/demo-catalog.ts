import { ImportedProduct } from '@omnibus/catalog';

/** The demo catalog: deterministic, so tests and docs can name products and SKUs. */

export const DEMO_CHANNELS = [
  {
    code: 'nordwind',
    name: 'Nordwind Outdoor',
    kind: 'WEBSTORE' as const,
    currencyCode: 'EUR',
    defaultLocale: 'de-DE',
    primaryColor: '#1F4E79',
    secondaryColor: '#F2C14E',
    logoUrl: 'https://nordwind.example/logo.svg',
    domain: 'shop.nordwind.example',
    taxInclusive: true,
    orderNumberPrefix: 'NW',
    timeZone: 'Europe/Berlin',
    token: 'demo-nordwind-storefront-token',
  },
  {
    code: 'brooklyn',
    name: 'Brooklyn Threads',
    kind: 'WEBSTORE' as const,
    currencyCode: 'USD',
    defaultLocale: 'en-US',
    primaryColor: '#B23A48',
    secondaryColor: '#2E2E2E',
    logoUrl: 'https://brooklynthreads.example/logo.svg',
    domain: 'brooklynthreads.example',
    taxInclusive: false,
    orderNumberPrefix: 'BT',
    timeZone: 'America/New_York',
    token: 'demo-brooklyn-storefront-token',
  },
  {
    code: 'marketplace',
    name: 'Marketplace (EU)',
    kind: 'MARKETPLACE' as const,
    currencyCode: 'EUR',
    defaultLocale: 'en-GB',
    primaryColor: null,
    secondaryColor: null,
    logoUrl: null,
    domain: null,
    taxInclusive: true,
    orderNumberPrefix: 'MP',
    timeZone: 'Europe/Berlin',
    token: 'demo-marketplace-storefront-token',
  },
];

export const DEMO_STAFF = [
  {
    email: 'admin@omnibus.demo',
    name: 'Demo Superadmin',
    password: 'omnibus-admin-demo',
    superadmin: true,
    grants: [] as { channel: string; role: 'BRAND_MANAGER' | 'VIEWER' }[],
  },
  {
    email: 'manager@nordwind.demo',
    name: 'Nordwind Brand Manager',
    password: 'nordwind-manager-demo',
    superadmin: false,
    grants: [{ channel: 'nordwind', role: 'BRAND_MANAGER' as const }],
  },
  {
    email: 'manager@brooklyn.demo',
    name: 'Brooklyn Brand Manager',
    password: 'brooklyn-manager-demo',
    superadmin: false,
    grants: [{ channel: 'brooklyn', role: 'BRAND_MANAGER' as const }],
  },
  // the marketplace connector's account: sign in, then createApiKey for importMarketplaceOrder
  {
    email: 'manager@marketplace.demo',
    name: 'Marketplace Connector',
    password: 'marketplace-manager-demo',
    superadmin: false,
    grants: [{ channel: 'marketplace', role: 'BRAND_MANAGER' as const }],
  },
  {
    email: 'viewer@omnibus.demo',
    name: 'Demo Viewer',
    password: 'omnibus-viewer-demo',
    superadmin: false,
    grants: [
      { channel: 'nordwind', role: 'VIEWER' as const },
      { channel: 'brooklyn', role: 'VIEWER' as const },
    ],
  },
];

interface DemoCategory {
  slug: string;
  name: string;
  parentSlug?: string;
  nouns: string[];
  options: { name: string; values: string[] };
}

const ROOTS = [
  { slug: 'apparel', name: 'Apparel' },
  { slug: 'outdoor', name: 'Outdoor' },
  { slug: 'home', name: 'Home' },
];

const LEAVES: DemoCategory[] = [
  {
    slug: 't-shirts',
    name: 'T-Shirts',
    parentSlug: 'apparel',
    nouns: ['Tee', 'Crew Tee', 'Pocket Tee'],
    options: { name: 'Size', values: ['S', 'M', 'L', 'XL'] },
  },
  {
    slug: 'hoodies',
    name: 'Hoodies',
    parentSlug: 'apparel',
    nouns: ['Hoodie', 'Zip Hoodie'],
    options: { name: 'Size', values: ['S', 'M', 'L'] },
  },
  {
    slug: 'jackets',
    name: 'Jackets',
    parentSlug: 'apparel',
    nouns: ['Shell Jacket', 'Down Jacket', 'Rain Jacket'],
    options: { name: 'Size', values: ['M', 'L', 'XL'] },
  },
  {
    slug: 'tents',
    name: 'Tents',
    parentSlug: 'outdoor',
    nouns: ['Tent', 'Tunnel Tent', 'Dome Tent'],
    options: { name: 'Capacity', values: ['2P', '3P'] },
  },
  {
    slug: 'backpacks',
    name: 'Backpacks',
    parentSlug: 'outdoor',
    nouns: ['Daypack', 'Trekking Pack'],
    options: { name: 'Volume', values: ['20L', '35L', '50L'] },
  },
  { slug: 'mugs', name: 'Mugs', parentSlug: 'home', nouns: ['Mug', 'Camp Mug'], options: { name: 'Colour', values: ['Black', 'Sand'] } },
  {
    slug: 'lamps',
    name: 'Lamps',
    parentSlug: 'home',
    nouns: ['Lantern', 'Desk Lamp'],
    options: { name: 'Colour', values: ['Black', 'Brass', 'White'] },
  },
];

const ADJECTIVES = [
  'Alpine',
  'Harbor',
  'Granite',
  'Fjord',
  'Canyon',
  'Aurora',
  'Summit',
  'Meadow',
  'Tundra',
  'Brooklyn',
  'Cobalt',
  'Ember',
];

export function demoCategories() {
  return [
    ...ROOTS.map((r, position) => ({ ...r, position })),
    ...LEAVES.map((l, position) => ({ slug: l.slug, name: l.name, parentSlug: l.parentSlug, position })),
  ];
}

/**
 * `count` products spread over the leaf categories. Publication: every third product is Nordwind
 * only, every third Brooklyn only, the rest in both brands; every fourth is also on the marketplace.
 */
export function demoProducts(count: number, channelIds: Map<string, string>): ImportedProduct[] {
  const nw = channelIds.get('nordwind')!;
  const bt = channelIds.get('brooklyn')!;
  const mp = channelIds.get('marketplace')!;
  return Array.from({ length: count }, (_, i) => {
    const category = LEAVES[i % LEAVES.length];
    const noun = category.nouns[i % category.nouns.length];
    const adjective = ADJECTIVES[Math.floor(i / LEAVES.length) % ADJECTIVES.length];
    const name = `${adjective} ${noun} ${String(i + 1).padStart(3, '0')}`;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const channels = [i % 3 === 2 ? undefined : nw, i % 3 === 0 ? undefined : bt, i % 4 === 0 ? mp : undefined].filter(
      (c): c is string => !!c,
    );
    const baseCents = 990 + ((i * 7919) % 190) * 100; // 9.90 … 198.90
    const sku = `OMB-${category.slug.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(4, '0')}`;
    return {
      slug,
      name,
      description: `${name}: a ${noun.toLowerCase()} from the ${adjective} line, made to last. Part of our ${category.name.toLowerCase()} range.`,
      categorySlug: category.slug,
      images: [{ url: `https://cdn.omnibus.example/demo/${slug}.jpg`, alt: name }],
      channelIds: channels,
      variants: category.options.values.map((value, v) => {
        const eur = baseCents + v * 500;
        return {
          sku: `${sku}-${value.toUpperCase()}`,
          name: `${name} — ${value}`,
          options: [{ name: category.options.name, value }],
          prices: channels.map((channelId) => ({
            channelId,
            currency: channelId === bt ? 'USD' : 'EUR',
            amount: channelId === bt ? Math.round((eur * 1.08) / 100) * 100 - 1 : channelId === mp ? eur + 200 : eur,
          })),
        };
      }),
    };
  });
}
