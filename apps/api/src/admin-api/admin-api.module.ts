import { Module } from '@nestjs/common';
import { AuthModule } from '@omnibus/auth';
import { CatalogModule } from '@omnibus/catalog';
import { ChannelsModule } from '@omnibus/channels';
import { CatalogResolver } from './catalog.resolver';
import { ChannelsResolver } from './channels.resolver';
import { StaffAuthResolver } from './staff-auth.resolver';

/** Everything mounted on POST /admin-api. */
@Module({
  imports: [AuthModule, ChannelsModule, CatalogModule],
  providers: [StaffAuthResolver, ChannelsResolver, CatalogResolver],
})
export class AdminApiModule {}
