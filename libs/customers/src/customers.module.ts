import { CustomerSyncService } from './customer-sync.service';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuthModule, authConfigFromEnv } from '@omnibus/auth';
import { ChannelsModule } from '@omnibus/channels';
import { CompanyAdminService } from './company-admin.service';
import { CustomerAccountService } from './customer-account.service';
import { CustomerAdminService } from './customer-admin.service';
import { CustomerAuthService } from './customer-auth.service';
import { CustomerGroupService } from './customer-group.service';
import { CustomerDirectory } from './customer-directory.service';
import { CustomerAuthGuard, CustomerLoginGuard } from './guards/customer-auth.guard';
import { LogMailTransport, MAIL_TRANSPORT } from './mail-transport';
import { CustomerLocalStrategy } from './strategies/customer-local.strategy';

const services = [
  CustomerAuthService,
  CustomerAccountService,
  CustomerAdminService,
  CompanyAdminService,
  CustomerAuthGuard,
  CustomerLoginGuard,
  CustomerSyncService,
  CustomerGroupService,
  CustomerDirectory,
];

@Module({
  imports: [
    AuthModule,
    ChannelsModule,
    PassportModule.register({ session: false }),
    // the staff secret; tokens differ by `typ`, which each side checks
    JwtModule.registerAsync({ useFactory: () => ({ secret: authConfigFromEnv().jwtSecret, signOptions: { algorithm: 'HS256' } }) }),
  ],
  providers: [...services, CustomerLocalStrategy, { provide: MAIL_TRANSPORT, useClass: LogMailTransport }],
  exports: [...services, MAIL_TRANSPORT],
})
export class CustomersModule {}
