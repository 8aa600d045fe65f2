import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CATALOGUE, EVENT_TYPES } from '@omnibus/events';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderEventsDoc } = require('./render-events-doc.cjs') as { renderEventsDoc(root: string): string };

const root = join(__dirname, '..', '..');

describe('docs/events.md', () => {
  const page = renderEventsDoc(root);

  it('is what the event catalogue says today (run `npm run docs:events` after changing the catalogue)', () => {
    expect(readFileSync(join(root, 'docs/events.md'), 'utf8')).toBe(page);
  });

  it('lists every event of the union with its version and aggregate', () => {
    expect(EVENT_TYPES).toHaveLength(13);
    for (const type of EVENT_TYPES) {
      const { aggregate, versions } = EVENT_CATALOGUE[type];
      expect(page).toContain(`| [\`${type}\`](#${type.replace(/\./g, '')}) | ${versions.join(', ')} | \`${aggregate}\` |`);
      expect(page).toContain(`## \`${type}\``);
    }
  });

  it('gives each payload field its type and says who writes each event', () => {
    expect(page).toContain('| `orderId` | `string` |');
    expect(page).toContain('| `paymentStatus` | `OrderPaymentStatusV1` |');
    expect(page).toContain('| `discount` (optional) | `number` | checkout only');
    expect(page).toContain('| `addressId` | `string` | only when `change` is `address.removed` |');
    expect(page).toContain('orders: `OrderWriter.write`');
    expect(page).toContain('One of `REQUESTED`, `APPROVED`, `REJECTED`, `RECEIVED`, `REFUNDED`, `CREDITED`.');
  });
});
