import { ErpItem, Page } from '../../connector/erp-connector';
import { Row, STAMPS, TrytonBackend, readChunked, unique } from './tryton.backend';
import { changedSince, minorUnits, nextCursor, readFrom, variantName } from './tryton.mappers';

/**
 * Variants created or written since the cursor, and the variants of templates written since then
 * (a template change — name, category, list price — does not touch its variants' write_date).
 * Services and products not for sale are left out. First run: every active variant. Later runs read
 * deactivated ones too (Tryton hides them from searches unless asked), as `active: false`: Omnibus
 * stops selling them.
 */
export function readItems(backend: TrytonBackend, cursor: string | null): Promise<Page<ErpItem>> {
  const { settings } = backend;
  return backend.rpc('items', async (c) => {
    const from = readFrom(cursor, settings.overlapSeconds);
    const inactiveToo = from ? { active_test: false } : undefined;
    const withInactive = inactiveToo ? { context: inactiveToo } : {};
    const variants = await c.searchRead<Row>('product.product', changedSince(from), STAMPS, { order: [['id', 'ASC']], ...withInactive });
    const templates = from
      ? await c.searchRead<Row>('product.template', changedSince(from), [...STAMPS, 'products'], {
          order: [['id', 'ASC']],
          ...withInactive,
        })
      : [];
    const ids = unique([...variants.map((v) => v.id), ...templates.flatMap((t) => (t.products as number[]) ?? [])]);
    const rows = await readChunked<Row>(c, 'product.product', ids, ['code', 'cost_price', 'template', 'active'], inactiveToo);
    const templateRows = await readChunked<Row>(
      c,
      'product.template',
      unique(rows.map((r) => r.template as number)),
      ['name', 'code', 'type', 'salable', 'categories', 'account_category', 'active'],
      inactiveToo,
    );
    const template = new Map(templateRows.map((t) => [t.id, t]));
    const categoryIds = unique(templateRows.map((t) => categoryOf(t)).filter((id): id is number => typeof id === 'number'));
    const categories = new Map((await readChunked<Row>(c, 'product.category', categoryIds, ['name'])).map((r) => [r.id, String(r.name)]));

    const records: ErpItem[] = [];
    for (const row of rows) {
      const t = template.get(row.template as number);
      if (!t || t.type === 'service' || !(t.salable ?? true)) continue;
      const code = typeof row.code === 'string' ? row.code : '';
      const category = categoryOf(t);
      records.push({
        externalId: String(row.id),
        sku: code,
        name: variantName(code, t.code as string | null, String(t.name)),
        productExternalId: String(t.id),
        productName: String(t.name),
        categoryName: category ? (categories.get(category) ?? null) : null,
        cost: minorUnits(row.cost_price),
        costCurrency: settings.currency,
        // booleans come back as 0/1 from a SQLite-backed trytond
        active: Boolean(row.active ?? true) && Boolean(t.active ?? true),
      });
    }
    return { records, nextCursor: nextCursor(cursor, [...variants, ...templates]), more: false };
  });
}

/** The category shown in Omnibus: the first product category, else the accounting category. */
function categoryOf(template: Row): number | null {
  const categories = template.categories as number[] | undefined;
  if (categories?.length) return categories[0];
  return typeof template.account_category === 'number' ? template.account_category : null;
}
