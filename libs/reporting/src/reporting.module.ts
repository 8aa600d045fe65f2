import { Module } from '@nestjs/common';
import { ChannelsModule } from '@omnibus/channels';
import { ReportScope } from './report-scope.service';
import { SalesReportService } from './sales-report.service';
import { MarginReportService } from './margin-report.service';

/** The cross-domain reports: read models only, no tables of its own (see READ_MODELS in libs/db/src/model-owners.ts). */
@Module({
  imports: [ChannelsModule],
  providers: [ReportScope, SalesReportService, MarginReportService],
  exports: [ReportScope, SalesReportService, MarginReportService],
})
export class ReportingModule {}
