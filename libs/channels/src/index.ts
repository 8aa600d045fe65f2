export * from './channels.module';
export * from './channels.service';
export * from './channel.types';
export * from './channel-token';
export * from './currencies';
export * from './document-numbers';
