export * from './orders.module';
export * from './orders.types';
export * from './attribution';
export * from './cart-totals';
export * from './cart.service';
export * from './checkout.service';
export * from './order-transitions';
export * from './order.service';
