// WHAT-IF EXPERIMENT, not a fix: swaps ChannelCatalogService.listProducts in the *built* server at
// start-up, to measure what a change would buy before anyone writes it properly in libs/catalog.
// The source code is untouched. Used through the benchmark:
//
//   BENCH_OMNIBUS_NODE_ARGS="-r ./bench/experiments/list-products-variant.cjs" BENCH_VARIANT=count  npm run bench:catalog
//   BENCH_OMNIBUS_NODE_ARGS="-r ./bench/experiments/list-products-variant.cjs" BENCH_VARIANT=onesql npm run bench:catalog
//
// BENCH_VARIANT is a comma-separated list of:
//   count       same Prisma queries, but totalCount = prisma.productChannel.count({ channelId })
//               instead of prisma.product.count({ publications: { some: { channelId } } })
//   onesql      the first page (default sort, no filter, no cursor) from ONE SQL statement via
//               prisma.$queryRawUnsafe (json_agg, like the baseline); other pages unchanged
//               (prices still come from the pricing resolver where there is one)
//   promocache  PriceResolver.activePromotions cached per channel for 5 s (like storefront tokens)
// The answers stay the same as the unpatched server's (the benchmark compares them with the baseline's).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', '..', 'dist', 'libs');
const { ChannelCatalogService } = require(join(dist, 'catalog', 'src', 'channel-catalog.service.js'));
const { encodeCursor } = require(join(dist, 'common', 'src'));

const variants = (process.env.BENCH_VARIANT ?? '')
  .split(',')
  .map((v) => v.trim())
  .filter(Boolean);
const known = ['count', 'onesql', 'promocache'];
if (!variants.length || variants.some((v) => !known.includes(v))) {
  throw new Error(`BENCH_VARIANT must list some of ${known.join(', ')} (got ${JSON.stringify(process.env.BENCH_VARIANT)})`);
}
const original = ChannelCatalogService.prototype.listProducts;

const FIRST_PAGE_SQL = `
WITH page AS (
  SELECT p.id, p.slug, p.name AS sort_name, p."categoryId", p."createdAt",
         COALESCE(pc.name, p.name) AS name, COALESCE(pc.description, p.description) AS description
  FROM "Product" p JOIN "ProductChannel" pc ON pc."productId" = p.id AND pc."channelId" = $1::uuid
  ORDER BY p.name, p.id
  LIMIT $2::int + 1)
SELECT json_build_object(
  'totalCount', (SELECT count(*) FROM "ProductChannel" WHERE "channelId" = $1::uuid),
  'rows', COALESCE((SELECT json_agg(json_build_object(
     'id', s.id, 'slug', s.slug, 'name', s.name, 'description', s.description, 'createdAt', s."createdAt",
     'category', (SELECT json_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'parentId', c."parentId")
                  FROM "Category" c WHERE c.id = s."categoryId"),
     'images', COALESCE((SELECT json_agg(json_build_object('url', i.url, 'alt', i.alt) ORDER BY i.position)
                         FROM "ProductImage" i WHERE i."productId" = s.id), '[]'::json),
     'variants', COALESCE((SELECT json_agg(json_build_object('id', v.id, 'sku', v.sku, 'name', v.name, 'options', v.options,
        'productId', s.id, 'categoryId', s."categoryId",
        -- used where the variant's price field is plain data; where a pricing resolver computes it, ignored
        'price', (SELECT json_build_object('amount', vp.amount, 'currency', vp."currencyCode")
                  FROM "VariantPrice" vp WHERE vp."variantId" = v.id AND vp."channelId" = $1::uuid))
        ORDER BY v.position, v.sku) FROM "ProductVariant" v WHERE v."productId" = s.id), '[]'::json)
  ) ORDER BY s.sort_name, s.id) FROM page s), '[]'::json))::text AS body`;

const isPlainFirstPage = (query) =>
  !query.after &&
  (!query.sort || query.sort === 'NAME_ASC') &&
  !query.filter?.search &&
  !query.filter?.categorySlug &&
  !query.filter?.skus?.length;

if (variants.includes('count')) {
  ChannelCatalogService.prototype.listProducts = function (channelId, query) {
    if (query.filter?.search || query.filter?.categorySlug || query.filter?.skus?.length) return original.call(this, channelId, query);
    const prisma = this.prisma;
    const product = new Proxy(prisma.product, {
      get: (target, key) => (key === 'count' ? () => prisma.productChannel.count({ where: { channelId } }) : Reflect.get(target, key)),
    });
    const prismaView = new Proxy(prisma, { get: (target, key) => (key === 'product' ? product : Reflect.get(target, key)) });
    return original.call(Object.create(this, { prisma: { value: prismaView } }), channelId, query);
  };
}
if (variants.includes('onesql')) {
  ChannelCatalogService.prototype.listProducts = async function (channelId, query) {
    if (!isPlainFirstPage(query)) return original.call(this, channelId, query);
    const [{ body }] = await this.prisma.$queryRawUnsafe(FIRST_PAGE_SQL, channelId, query.first);
    const { totalCount, rows } = JSON.parse(body);
    const nodes = rows.slice(0, query.first);
    return {
      nodes,
      totalCount,
      hasNextPage: rows.length > query.first,
      endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1].id) : null,
    };
  };
}
if (variants.includes('promocache')) {
  const file = join(dist, 'pricing', 'src', 'price-resolver.service.js');
  if (!existsSync(file)) throw new Error('promocache: this build has no pricing engine');
  const { PriceResolver } = require(file);
  const load = PriceResolver.prototype.activePromotions;
  const cache = new Map(); // channelId -> { at, promise }
  PriceResolver.prototype.activePromotions = function (channelId) {
    const hit = cache.get(channelId);
    if (hit && Date.now() - hit.at < 5000) return hit.promise;
    const promise = load.call(this, channelId);
    cache.set(channelId, { at: Date.now(), promise });
    promise.catch(() => cache.delete(channelId));
    return promise;
  };
}
console.error(`[bench experiment] BENCH_VARIANT=${variants.join(',')}`);
