export * from './payment-provider';
export * from './payment-registry';
export * from './manual-payment.providers';
export * from './payment-providers';
export * from './payment-methods.service';
