import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFoundError } from '@omnibus/common';
import { CustomerAddress, Prisma, PrismaService } from '@omnibus/db';
import { CustomerAddressV1 } from '@omnibus/events';
import { CUSTOMER_DETAILS, CustomerDetails } from './customer-include';
import { customerUpdated } from './customer-events';
import { CustomerPrincipal } from './customer-principal';

/** A postal address as customers and orders hold it. */
export interface PostalAddress {
  fullName: string;
  company?: string | null;
  street1: string;
  street2?: string | null;
  postalCode: string;
  city: string;
  region?: string | null;
  countryCode: string;
  phone?: string | null;
}

export interface AddressData extends PostalAddress {
  defaultShipping?: boolean;
  defaultBilling?: boolean;
}

export type AddressDefaultKind = 'SHIPPING' | 'BILLING';

/** The signed-in customer's own account. Every lookup is scoped to them: others' rows are NOT_FOUND. */
@Injectable()
export class CustomerAccountService {
  constructor(private readonly prisma: PrismaService) {}

  async me(customer: CustomerPrincipal): Promise<CustomerDetails> {
    const row = await this.prisma.customer.findFirst({
      where: { id: customer.customerId, channelId: customer.channelId },
      include: CUSTOMER_DETAILS,
    });
    if (!row) throw new NotFoundError('Customer');
    return row;
  }

  async addAddress(customer: CustomerPrincipal, data: AddressData): Promise<CustomerAddress> {
    return this.prisma.$transaction(async (tx) => {
      // the first address is the default for both, so checkout always has one
      const first = (await tx.customerAddress.count({ where: { customerId: customer.customerId } })) === 0;
      const defaultShipping = data.defaultShipping ?? first;
      const defaultBilling = data.defaultBilling ?? first;
      await this.clearDefaults(tx, customer.customerId, defaultShipping, defaultBilling);
      const address = await tx.customerAddress.create({
        data: { ...data, countryCode: data.countryCode.toUpperCase(), defaultShipping, defaultBilling, customerId: customer.customerId },
      });
      await customerUpdated(tx, customer, { change: 'address.added', address: addressPayload(address) });
      return address;
    });
  }

  async updateAddress(customer: CustomerPrincipal, id: string, data: Partial<AddressData>): Promise<CustomerAddress> {
    return this.prisma.$transaction(async (tx) => {
      await this.ownAddress(tx, customer, id);
      await this.clearDefaults(tx, customer.customerId, data.defaultShipping === true, data.defaultBilling === true);
      const address = await tx.customerAddress.update({ where: { id }, data: { ...data, countryCode: data.countryCode?.toUpperCase() } });
      await customerUpdated(tx, customer, { change: 'address.updated', address: addressPayload(address) });
      return address;
    });
  }

  async removeAddress(customer: CustomerPrincipal, id: string): Promise<boolean> {
    if (!isUUID(id)) throw new NotFoundError('Address', id);
    return this.prisma.$transaction(async (tx) => {
      const removed = await tx.customerAddress.deleteMany({ where: { id, customerId: customer.customerId } });
      if (removed.count === 0) throw new NotFoundError('Address', id);
      await customerUpdated(tx, customer, { change: 'address.removed', addressId: id });
      return true;
    });
  }

  async setDefaultAddress(customer: CustomerPrincipal, id: string, kind: AddressDefaultKind): Promise<CustomerAddress> {
    const shipping = kind === 'SHIPPING';
    return this.prisma.$transaction(async (tx) => {
      await this.ownAddress(tx, customer, id);
      await this.clearDefaults(tx, customer.customerId, shipping, !shipping);
      const address = await tx.customerAddress.update({
        where: { id },
        data: shipping ? { defaultShipping: true } : { defaultBilling: true },
      });
      await customerUpdated(tx, customer, { change: 'address.default_changed', address: addressPayload(address) });
      return address;
    });
  }

  private async ownAddress(tx: TxClient, customer: CustomerPrincipal, id: string): Promise<CustomerAddress> {
    if (!isUUID(id)) throw new NotFoundError('Address', id);
    const address = await tx.customerAddress.findFirst({ where: { id, customerId: customer.customerId } });
    if (!address) throw new NotFoundError('Address', id);
    return address;
  }

  /** One default of each kind per customer: clears the flag elsewhere before setting it. */
  private async clearDefaults(tx: TxClient, customerId: string, shipping: boolean, billing: boolean): Promise<void> {
    if (shipping) await tx.customerAddress.updateMany({ where: { customerId, defaultShipping: true }, data: { defaultShipping: false } });
    if (billing) await tx.customerAddress.updateMany({ where: { customerId, defaultBilling: true }, data: { defaultBilling: false } });
  }
}

type TxClient = Prisma.TransactionClient;

/** An address as the `customer.updated` payload carries it. */
function addressPayload(a: CustomerAddress): CustomerAddressV1 {
  return {
    id: a.id,
    fullName: a.fullName,
    company: a.company,
    street1: a.street1,
    street2: a.street2,
    postalCode: a.postalCode,
    city: a.city,
    region: a.region,
    countryCode: a.countryCode,
    phone: a.phone,
    defaultShipping: a.defaultShipping,
    defaultBilling: a.defaultBilling,
  };
}
