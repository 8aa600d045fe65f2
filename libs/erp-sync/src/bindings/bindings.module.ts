import { Global, Module } from '@nestjs/common';
import { ERP_OWNERSHIP } from '@omnibus/common';
import { BindingService } from './binding.service';

/**
 * The binder, global so that the domains below the sync engine (catalog, customers) can ask which of
 * their fields an ERP owns through the `ERP_OWNERSHIP` interface without importing the engine.
 */
@Global()
@Module({
  providers: [BindingService, { provide: ERP_OWNERSHIP, useExisting: BindingService }],
  exports: [BindingService, ERP_OWNERSHIP],
})
export class ErpBindingsModule {}
