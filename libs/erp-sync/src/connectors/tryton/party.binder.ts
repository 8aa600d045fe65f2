import { OrderPlacedV1 } from '@omnibus/events';
import { SyncError } from '../../connector/sync-error';
import { Row, firstId } from './tryton.backend';
import { TrytonClient, TrytonError } from './tryton.client';
import { PostalAddressLike, addressValues, sameAddress } from './tryton.mappers';

export interface BoundParty {
  partyId: number;
  invoiceAddressId: number;
  shipmentAddressId: number;
}

/**
 * Finds or creates the Tryton party of an order: by its e-mail contact mechanism (created with the
 * order's addresses when new), with the order's addresses added when the party has none like them.
 * Creation is serialised per e-mail in this process.
 */
export class PartyBinder {
  private readonly partyLocks = new Map<string, Promise<number>>();
  private readonly countries = new Map<string, number | null>();

  /** The customer by e-mail (created with the order's addresses when new); the order's addresses added when the party has none like them. */
  async bind(c: TrytonClient, order: OrderPlacedV1): Promise<BoundParty> {
    const email = order.email?.trim();
    const shipping = order.shippingAddress;
    if (!email) throw SyncError.data(`order ${order.number} has no e-mail`);
    if (!shipping) throw SyncError.data(`order ${order.number} has no shipping address in its event`);
    const billing = order.billingAddress ?? shipping;
    const partyId = await this.partyByEmail(c, email, shipping);
    const addressFor = async (address: PostalAddressLike): Promise<number> => {
      const rows = await c.searchRead<Row>('party.address', [['party', '=', partyId]], ['street', 'postal_code', 'city'], {
        order: [['id', 'ASC']],
      });
      const same = rows.find((row) => sameAddress(row as never, address));
      if (same) return same.id;
      const [id] = await c.create('party.address', [
        { party: partyId, ...addressValues(address, await this.countryId(c, address.countryCode)) },
      ]);
      return id;
    };
    const shipmentAddressId = await addressFor(shipping);
    const invoiceAddressId = await addressFor(billing);
    return { partyId, invoiceAddressId, shipmentAddressId };
  }

  /**
   * The party with this e-mail, created when there is none. Creation is serialised per e-mail in this
   * process (two orders of a new customer pushed at once make one party); a create that loses a race
   * in Tryton (unique party code) is looked up again, else retried as transient.
   */
  private partyByEmail(c: TrytonClient, email: string, address: PostalAddressLike): Promise<number> {
    const key = email.toLowerCase();
    const previous = this.partyLocks.get(key) ?? Promise.resolve(0);
    const next = previous
      .catch(() => 0)
      .then(async () => {
        const find = async () => {
          const [mechanism] = await c.searchRead<Row>(
            'party.contact_mechanism',
            [
              ['type', '=', 'email'],
              ['value', '=', email],
            ],
            ['party'],
            { order: [['id', 'ASC']], limit: 1 },
          );
          return mechanism?.party as number | undefined;
        };
        const found = await find();
        if (found) return found;
        try {
          const [created] = await c.create('party.party', [
            {
              name: address.company || address.fullName || email,
              contact_mechanisms: [['create', [{ type: 'email', value: email }]]],
            },
          ]);
          return created;
        } catch (error) {
          const winner = await find();
          if (winner) return winner;
          if (error instanceof TrytonError && error.kind === 'user' && /unique/i.test(error.message)) {
            throw SyncError.transient(`party for ${email}: ${error.message} (created concurrently elsewhere); will retry`);
          }
          throw error;
        }
      });
    this.partyLocks.set(key, next);
    void next
      .finally(() => {
        if (this.partyLocks.get(key) === next) this.partyLocks.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  private async countryId(c: TrytonClient, code: string | null | undefined): Promise<number | null> {
    if (!code) return null;
    if (!this.countries.has(code)) this.countries.set(code, await firstId(c, 'country.country', [['code', '=', code.toUpperCase()]]));
    return this.countries.get(code)!;
  }
}
