import { Page } from '../connector/erp-connector';
import { FlowRunContext } from '../engine/flow-definition';

/** Records per pull: small enough for one transaction, large enough to keep round trips few. */
export const PULL_PAGE_SIZE = Number(process.env.SYNC_PAGE_SIZE ?? 500);

/**
 * Reads pages from `cursor` on until the ERP says there is no more, handing each to `visit` and
 * then its cursor to `reached` (the one loop both pulling and reconciling use).
 */
async function readPages<T>(
  pull: (cursor: string | null, limit: number) => Promise<Page<T>>,
  cursor: string | null,
  visit: (records: T[]) => Promise<void>,
  reached: (cursor: string) => Promise<void> = async () => undefined,
  pageDone: (records: number, remaining: number | null) => Promise<void> = async () => undefined,
): Promise<void> {
  for (;;) {
    const page = await pull(cursor, PULL_PAGE_SIZE);
    if (page.records.length) await visit(page.records);
    if (page.records.length) await pageDone(page.records.length, page.more ? (page.remaining ?? null) : 0);
    if (page.nextCursor !== null && page.nextCursor !== cursor) {
      cursor = page.nextCursor;
      await reached(cursor);
    } else if (page.more) return; // an ERP that says "more" without moving its cursor would loop forever
    if (!page.more || page.records.length === 0) return;
  }
}

/**
 * Reads pages from the flow's cursor on, applying and checkpointing each: a run killed in the
 * middle resumes after the last applied page, and re-reading a page is harmless because applying
 * is idempotent (bindings and fingerprints skip what is unchanged).
 */
export function pullAll<T>(
  context: FlowRunContext,
  pull: (cursor: string | null, limit: number) => Promise<Page<T>>,
  apply: (records: T[]) => Promise<void>,
): Promise<void> {
  return readPages(
    pull,
    context.cursor,
    apply,
    (cursor) => context.checkpoint(cursor),
    (records, remaining) => context.pageDone(records, remaining),
  );
}

/** Every record the ERP has, page after page from the start, without touching the flow's cursor (reconciliation reads). */
export function readEverything<T>(
  pull: (cursor: string | null, limit: number) => Promise<Page<T>>,
  visit: (records: T[]) => Promise<void>,
): Promise<void> {
  return readPages(pull, null, visit);
}
