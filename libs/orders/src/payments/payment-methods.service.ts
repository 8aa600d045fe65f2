import { Injectable } from '@nestjs/common';
import { CartService } from '../cart.service';
import type { Shopper } from '../orders.types';
import { PaymentMethodOption, PaymentRegistry } from './payment-registry';

/** What a storefront offers at checkout: the payment methods open to this shopper for this cart's total. */
@Injectable()
export class PaymentMethodsService {
  constructor(
    private readonly carts: CartService,
    private readonly registry: PaymentRegistry,
  ) {}

  async forCart(shopper: Shopper, cartToken: string): Promise<PaymentMethodOption[]> {
    const cart = await this.carts.get(shopper, cartToken);
    const company = await this.registry.companyOf(shopper.customer?.customerId);
    return this.registry.available({
      channel: shopper.channel,
      customer: shopper.customer ?? null,
      company,
      total: cart.total,
      currency: cart.currency,
    });
  }
}
