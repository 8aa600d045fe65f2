import { Module } from '@nestjs/common';
import { ChannelsModule } from '@omnibus/channels';
import { ReportScope } from './report-scope.service';
import { SalesReportService } from './sales-report.service';

/** The cross-domain reports: read models only, no tables of its own (see READ_MODELS in libs/db/src/model-owners.ts). */
@Module({
  imports: [ChannelsModule],
  providers: [ReportScope, SalesReportService],
  exports: [ReportScope, SalesReportService],
})
export class ReportingModule {}
