import http from 'node:http';

/**
 * An ERP middleware speaking the HTTP/JSON contract (docs/erp-http-contract.openapi.yaml), the
 * external side of the sync tests. It creates one sales order per order number (as a real ERP that
 * looks the number up first) and remembers every delivery it received, so a test can tell
 * "delivered twice" (allowed: at least once) from "created twice" (never allowed); and it serves the
 * stock figures and order updates a test gives it, page by page.
 */
export interface HttpErp {
  url: string;
  /** the order numbers it has a sales order for (created at the first delivery, found again at a repeat) */
  orders: Set<string>;
  /** idempotency key → how many times it was delivered */
  deliveries: Map<string, number>;
  /** answer 503 while true (an ERP that is down) */
  down: boolean;
  /** order numbers it refuses with 422 (a record this ERP cannot take) */
  refuse: Set<string>;
  /** milliseconds each GET of a page takes (a slow ERP, to watch a run's progress) */
  pullDelayMs: number;
  /** what `GET /items`, `GET /stock` and `GET /order-updates` serve: each record once, in the order pushed (the cursor is the position) */
  items: Record<string, unknown>[];
  stock: Record<string, unknown>[];
  orderUpdates: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startHttpErp(options: { token: string; pushDelayMs?: number }): Promise<HttpErp> {
  const erp: Omit<HttpErp, 'url' | 'close'> = {
    orders: new Set(),
    deliveries: new Map(),
    down: false,
    refuse: new Set(),
    pullDelayMs: 0,
    items: [],
    stock: [],
    orderUpdates: [],
  };
  // a page of the records after the cursor (a position), as the contract's GET /stock and /order-updates answer
  const page = (records: Record<string, unknown>[], url: URL) => {
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 500);
    const slice = records.slice(from, from + limit);
    const remaining = Math.max(0, records.length - from - slice.length);
    return { records: slice, nextCursor: slice.length ? String(from + slice.length) : null, more: remaining > 0, remaining };
  };
  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(401, { message: 'bad token' });
    if (erp.down) return send(503, { message: 'maintenance' });
    if (req.method === 'GET' && req.url === '/health') return send(200, { ok: true });
    const url = new URL(req.url ?? '/', 'http://erp');
    if (req.method === 'GET' && erp.pullDelayMs > 0) await new Promise((r) => setTimeout(r, erp.pullDelayMs));
    if (req.method === 'GET' && url.pathname === '/items') return send(200, page(erp.items, url));
    if (req.method === 'GET' && url.pathname === '/stock') return send(200, page(erp.stock, url));
    if (req.method === 'GET' && url.pathname === '/order-updates') return send(200, page(erp.orderUpdates, url));
    if (req.method === 'POST' && req.url === '/events') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const key = String(req.headers['idempotency-key']);
      erp.deliveries.set(key, (erp.deliveries.get(key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, options.pushDelayMs ?? 0));
      if (event.eventType !== 'order.placed') return send(200, { skipped: true });
      // looked up by number first: a repeat finds the order, only the first delivery creates it
      const number = String(event.payload.number);
      if (erp.refuse.has(number)) return send(422, { message: `order ${number} refused` });
      erp.orders.add(number);
      return send(200, { externalId: `SO-${number}`, externalNumber: `ERP-${number}` });
    }
    return send(404, { message: `no ${req.method} ${req.url}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return Object.assign(erp, {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as HttpErp;
}
