import { ErrorCode, UserInputError } from '@omnibus/common';
import { BankTransferProvider, CashOnDeliveryProvider, PaymentContext, PaymentRegistry } from '@omnibus/orders';
import { formatMinor, InvoicePaymentProvider } from './invoice-payment.provider';

const channel = { id: 'c1', code: 'nordwind', kind: 'WEBSTORE' as const, currencyCode: 'EUR' };
const customer = { customerId: 'u1', channelId: 'c1', email: 'b@example.com', groupIds: [] };
const company = { id: 'co1', name: 'ACME', netTerms: true, paymentTermsDays: 30, creditLimit: 100_000 };
const context = (over: Partial<PaymentContext> = {}): PaymentContext => ({
  channel,
  customer,
  company,
  total: 5000,
  currency: 'EUR',
  ...over,
});

// the payment methods a storefront offers: orders' manual providers plus billing's invoice on net terms
describe('PaymentRegistry with the invoice provider', () => {
  const registry = new PaymentRegistry([new BankTransferProvider(), new CashOnDeliveryProvider()], {} as never);
  // billing registers its provider at start-up, as BillingModule does
  registry.register(new InvoicePaymentProvider({} as never));

  it('offers invoice only to signed-in buyers of a net-terms company', () => {
    expect(registry.available(context()).map((m) => m.code)).toEqual(['bank_transfer', 'cash_on_delivery', 'invoice']);
    expect(registry.available(context({ customer: null })).map((m) => m.code)).toEqual(['bank_transfer', 'cash_on_delivery']);
    expect(registry.available(context({ company: null })).map((m) => m.code)).toEqual(['bank_transfer', 'cash_on_delivery']);
    expect(registry.available(context({ company: { ...company, netTerms: false } })).map((m) => m.code)).toEqual([
      'bank_transfer',
      'cash_on_delivery',
    ]);
  });

  it('refuses unknown and unavailable methods on input.paymentMethod before the provider runs', async () => {
    for (const [code, ctx] of [
      ['bitcoin', context()],
      ['invoice', context({ company: null })],
    ] as const) {
      const error = await registry.authorize({} as never, code, ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserInputError);
      expect((error as UserInputError).extensions).toMatchObject({
        code: ErrorCode.BadUserInput,
        fields: [{ path: 'input.paymentMethod' }],
      });
    }
  });

  it('leaves manual payments PENDING', async () => {
    await expect(registry.authorize({} as never, 'cash_on_delivery', context({ customer: null, company: null }))).resolves.toEqual({
      status: 'PENDING',
    });
  });

  it("formats minor units with the currency's decimals", () => {
    expect(formatMinor(123456, 'EUR')).toBe('1234.56 EUR');
    expect(formatMinor(5000, 'JPY')).toBe('5000 JPY');
  });

  it('refuses a second provider with the same code', () => {
    expect(() => registry.register(new BankTransferProvider())).toThrow('registered twice');
  });
});
