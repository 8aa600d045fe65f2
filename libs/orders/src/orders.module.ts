import { Module } from '@nestjs/common';
import { InventoryModule } from '@omnibus/inventory';
import { PricingModule } from '@omnibus/pricing';
import { CartService } from './cart.service';
import { CheckoutService } from './checkout.service';
import { OrderService } from './order.service';

const services = [CartService, CheckoutService, OrderService];

@Module({ imports: [PricingModule, InventoryModule], providers: services, exports: services })
export class OrdersModule {}
