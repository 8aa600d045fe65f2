import { deliveredQuantities } from './delivered-quantities';

describe('delivered quantities', () => {
  it('counts delivered units from DELIVERED shipments only, unless the order itself is delivered', () => {
    const shipped = [
      { orderLineId: 'a', quantity: 2, shipmentStatus: 'DELIVERED' as const },
      { orderLineId: 'a', quantity: 1, shipmentStatus: 'SHIPPED' as const },
      { orderLineId: 'b', quantity: 4, shipmentStatus: 'SHIPPED' as const },
    ];
    expect([...deliveredQuantities('PARTIALLY_SHIPPED', shipped)]).toEqual([['a', 2]]);
    expect([...deliveredQuantities('DELIVERED', shipped)]).toEqual([
      ['a', 3],
      ['b', 4],
    ]);
    expect([...deliveredQuantities('COMPLETED', shipped)]).toEqual([
      ['a', 3],
      ['b', 4],
    ]);
  });
});
