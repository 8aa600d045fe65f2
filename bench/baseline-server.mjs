// Raw baseline for the catalog benchmark: node:http + a pg Pool, no framework, no GraphQL, no ORM.
// POST / answers the Shop API's first catalog page (`products(first: 20)`, default sort) in the same
// JSON shape as Omnibus, built by PostgreSQL in ONE query and written out as it comes.
//
// Env: DATABASE_URL, PORT, DATABASE_POOL_SIZE (default 10, as Omnibus), PAGE_SIZE (default 20).
// Started by bench/catalog.mjs; can be run alone for debugging.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 3100);
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const pageSize = Number(process.env.PAGE_SIZE ?? 20);

const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });

// Same semantics as ChannelCatalogService.listProducts + toConnection:
// products published to the channel, ordered by name, id; the channel's name/description override
// wins; images by position; variants by position, sku; totalCount = products published to the
// channel; cursor = base64url(id); one extra row for hasNextPage.
// Price = the variant's base price in this channel ("VariantPrice"), or null. Omnibus runs its pricing
// engine on top (price lists, promotions), so where a promotion applies its amounts differ: the
// benchmark reports those differences and requires only the same products on both sides.
export const PAGE_SQL = `
WITH page AS (
  SELECT p.id, p.slug, p.name AS sort_name, p."categoryId",
         COALESCE(pc.name, p.name) AS name, COALESCE(pc.description, p.description) AS description
  FROM "Product" p
  JOIN "ProductChannel" pc ON pc."productId" = p.id AND pc."channelId" = $1
  ORDER BY p.name, p.id
  LIMIT $2 + 1
), shown AS (
  SELECT * FROM page ORDER BY sort_name, id LIMIT $2
)
SELECT json_build_object('data', json_build_object('products', json_build_object(
  'totalCount', (SELECT count(*) FROM "ProductChannel" WHERE "channelId" = $1),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM page) > $2,
    'endCursor', (SELECT translate(encode(convert_to(s.id::text, 'UTF8'), 'base64'), E'+/=\\n', '-_')
                  FROM shown s ORDER BY s.sort_name DESC, s.id DESC LIMIT 1)),
  'edges', COALESCE((
    SELECT json_agg(json_build_object(
      'cursor', translate(encode(convert_to(s.id::text, 'UTF8'), 'base64'), E'+/=\\n', '-_'),
      'node', json_build_object(
        'id', s.id,
        'slug', s.slug,
        'name', s.name,
        'description', s.description,
        'category', (SELECT json_build_object('id', c.id, 'slug', c.slug, 'name', c.name)
                     FROM "Category" c WHERE c.id = s."categoryId"),
        'images', COALESCE((SELECT json_agg(json_build_object('url', i.url, 'alt', i.alt) ORDER BY i.position)
                            FROM "ProductImage" i WHERE i."productId" = s.id), '[]'::json),
        'variants', COALESCE((
          SELECT json_agg(json_build_object(
            'id', v.id, 'sku', v.sku, 'name', v.name, 'options', v.options,
            'price', (SELECT json_build_object('amount', vp.amount, 'currency', vp."currencyCode")
                      FROM "VariantPrice" vp WHERE vp."variantId" = v.id AND vp."channelId" = $1)
          ) ORDER BY v.position, v.sku)
          FROM "ProductVariant" v WHERE v."productId" = s.id), '[]'::json)
      )
    ) ORDER BY s.sort_name, s.id)
    FROM shown s), '[]'::json)
)))::text AS body`;

// Storefront tokens are resolved once and kept (Omnibus caches them too, for 5 s).
const channelByToken = new Map();
async function channelIdFor(token) {
  if (channelByToken.has(token)) return channelByToken.get(token);
  const hash = createHash('sha256').update(token).digest('hex');
  const { rows } = await pool.query('SELECT id FROM "Channel" WHERE "tokenHash" = $1', [hash]);
  const id = rows[0]?.id ?? null;
  channelByToken.set(token, id);
  return id;
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, '{"status":"ok"}');
  if (req.method !== 'POST' || req.url !== '/') return send(res, 404, '{"error":"not found"}');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      // read and parse the request like a server would; the page asked for is fixed
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (typeof payload.query !== 'string') return send(res, 400, '{"errors":[{"message":"query expected"}]}');
      const token = req.headers['x-channel-token'];
      const channelId = typeof token === 'string' && token ? await channelIdFor(token) : null;
      if (!channelId) return send(res, 401, '{"errors":[{"message":"unknown channel token"}]}');
      const { rows } = await pool.query({ name: 'catalog-page', text: PAGE_SQL, values: [channelId, pageSize] });
      send(res, 200, rows[0].body);
    } catch (error) {
      send(res, 500, JSON.stringify({ errors: [{ message: String(error?.message ?? error) }] }));
    }
  });
});

server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`baseline listening on http://127.0.0.1:${port} (pool ${poolSize})`));

async function shutdown() {
  server.close();
  server.closeAllConnections?.();
  await pool.end().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
