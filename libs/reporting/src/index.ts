export * from './reporting.module';
export * from './report-range';
export * from './report-scope.service';
export * from './report-page';
export * from './csv';
export * from './sales-report.service';
export type { OrderBehindFigure, TopProductFacts } from './sales.read-model';
export * from './margin-report.service';
export type { InvoiceLineBehindFigure } from './margin.read-model';
