import { Module } from '@nestjs/common';
import { OutboxStore } from './outbox-store';

/** The events domain: the event catalogue, the outbox table and its store. */
@Module({ providers: [OutboxStore], exports: [OutboxStore] })
export class EventsModule {}
