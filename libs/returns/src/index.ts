export * from './returns.module';
export * from './returns-math';
export * from './return-include';
export * from './returns.service';
