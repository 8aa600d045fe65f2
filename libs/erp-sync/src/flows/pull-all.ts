import { Page } from '../connector/erp-connector';
import { FlowRunContext } from '../engine/flow-definition';

/** Records per pull: small enough for one transaction, large enough to keep round trips few. */
export const PULL_PAGE_SIZE = Number(process.env.SYNC_PAGE_SIZE ?? 500);

/**
 * Reads pages from the cursor on until the ERP says there is no more, applying and checkpointing
 * each: a run killed in the middle resumes after the last applied page, and re-reading a page is
 * harmless because applying is idempotent (bindings and fingerprints skip what is unchanged).
 */
export async function pullAll<T>(
  context: FlowRunContext,
  pull: (cursor: string | null, limit: number) => Promise<Page<T>>,
  apply: (records: T[]) => Promise<void>,
): Promise<void> {
  let cursor = context.cursor;
  for (;;) {
    const page = await pull(cursor, PULL_PAGE_SIZE);
    if (page.records.length) await apply(page.records);
    if (page.nextCursor !== null && page.nextCursor !== cursor) {
      cursor = page.nextCursor;
      await context.checkpoint(cursor);
    }
    if (!page.more || page.records.length === 0) return;
  }
}

/** Every record the ERP has, page after page from the start, without touching the flow's cursor (reconciliation reads). */
export async function readEverything<T>(pull: (cursor: string | null, limit: number) => Promise<Page<T>>, visit: (records: T[]) => Promise<void>): Promise<void> {
  let cursor: string | null = null;
  for (;;) {
    const page = await pull(cursor, PULL_PAGE_SIZE);
    if (page.records.length) await visit(page.records);
    if (!page.more || page.records.length === 0 || page.nextCursor === cursor) return;
    cursor = page.nextCursor;
  }
}
