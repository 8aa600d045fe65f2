import type { ModuleRef } from '@nestjs/core';
import { ConnectorSettingsError } from '../connector/connector-definition';
import { SyncError } from '../connector/sync-error';
import { ConnectorRegistry } from '../engine/connector-registry';
import { DemoErpRegistry } from './demo/demo-erp.registry';
import { CONNECTORS, CONNECTOR_KINDS, isConnectorKind } from './connectors';

const TRYTON = {
  url: 'http://127.0.0.1:8000',
  database: 'tryton',
  username: 'admin',
  passwordEnv: 'TRYTON_PASSWORD',
  warehouses: { WH: 'hamburg' },
};
const HTTP = { baseUrl: 'https://esb.example.com/omnibus/v1', tokenEnv: 'ESB_TOKEN' };

const definition = (kind: string) => CONNECTORS.find((c) => c.kind === kind)!;
const settingsFailure = (kind: string, settings: Record<string, unknown>) => {
  try {
    definition(kind).validateSettings(settings);
  } catch (error) {
    return error as ConnectorSettingsError;
  }
  throw new Error('accepted');
};

/** The Nest container, as far as connectors use it: the demo ERP's registry, counted. */
function container() {
  const resolved: unknown[] = [];
  const demo = { get: jest.fn() } as unknown as DemoErpRegistry;
  const moduleRef = {
    get: (type: unknown) => {
      resolved.push(type);
      if (type === DemoErpRegistry) return demo;
      throw new Error('not a provider');
    },
  } as unknown as ModuleRef;
  return { moduleRef, resolved };
}

describe('the connector list', () => {
  it('is the one list of kinds, each declared once', () => {
    expect(CONNECTOR_KINDS).toEqual(['DEMO', 'HTTP', 'TRYTON']);
    expect(new Set(CONNECTOR_KINDS).size).toBe(CONNECTORS.length);
    expect(isConnectorKind('TRYTON')).toBe(true);
    expect(isConnectorKind('SAP')).toBe(false);
    for (const c of CONNECTORS) expect(c.label).toBeTruthy();
  });

  it.each([
    ['HTTP', {}, 'baseUrl', 'settings.baseUrl must be an http(s) URL'],
    ['HTTP', { ...HTTP, baseUrl: 'ftp://esb' }, 'baseUrl', 'settings.baseUrl must be an http(s) URL'],
    ['HTTP', { ...HTTP, timeoutMs: 'soon' }, 'timeoutMs', 'settings.timeoutMs must be a number of milliseconds > 0'],
    ['HTTP', { ...HTTP, tokenEnv: 42 }, 'tokenEnv', 'settings.tokenEnv must be the name of an environment variable'],
    ['TRYTON', {}, 'url', 'settings.url is required'],
    ['TRYTON', { ...TRYTON, warehouses: {} }, 'warehouses', 'settings.warehouses must map at least one'],
    ['TRYTON', { ...TRYTON, warehouses: { WH: '' } }, 'warehouses.WH', 'settings.warehouses.WH must be an Omnibus warehouse code'],
    ['TRYTON', { ...TRYTON, saleWarehouse: 'WH9' }, 'saleWarehouse', 'settings.saleWarehouse must be one of'],
  ])('refuses %s settings %j naming the field %s', (kind, settings, field, message) => {
    const error = settingsFailure(kind, settings);
    expect(error).toBeInstanceOf(ConnectorSettingsError);
    expect(error.field).toBe(field);
    expect(error.kind).toBe('DATA');
    expect(error.message).toContain(message);
  });

  it('takes good settings of every kind (the demo ERP takes any: it falls back to its defaults)', () => {
    expect(() => definition('HTTP').validateSettings(HTTP)).not.toThrow();
    expect(() => definition('TRYTON').validateSettings(TRYTON)).not.toThrow();
    expect(() => definition('DEMO').validateSettings({ shipAfterSeconds: 'later' })).not.toThrow();
  });

  it('creates each kind with the capabilities its ERP has, without calling the ERP', () => {
    const { moduleRef, resolved } = container();
    const registry = new ConnectorRegistry(moduleRef);
    const http = registry.create('HTTP', 'esb', HTTP);
    const tryton = registry.create('TRYTON', 'tryton', TRYTON);
    const demo = registry.create('DEMO', 'demo', {});
    for (const connector of [http, tryton, demo]) expect(typeof connector.push).toBe('function');
    expect(typeof tryton.pullCustomers).toBe('function');
    expect(typeof http.pullCustomers).toBe('undefined');
    expect(resolved).toEqual([]); // the demo ERP's registry is asked for only when the connector is used
  });
});

describe('ConnectorRegistry', () => {
  const config = (settings: Record<string, unknown>, kind = 'HTTP') => ({ id: 'c1', code: 'esb', kind, settings });

  it('keeps one instance per connector code until its settings change or it is forgotten', () => {
    const registry = new ConnectorRegistry(container().moduleRef);
    const first = registry.get(config(HTTP));
    expect(registry.get(config({ ...HTTP }))).toBe(first);
    const changed = registry.get(config({ ...HTTP, timeoutMs: 5000 }));
    expect(changed).not.toBe(first);
    registry.forget('esb');
    expect(registry.get(config({ ...HTTP, timeoutMs: 5000 }))).not.toBe(changed);
  });

  it('fails a row of a kind this build lacks, or with settings gone bad, as DATA', () => {
    const registry = new ConnectorRegistry(container().moduleRef);
    expect(() => registry.get(config({}, 'SAP'))).toThrow(new SyncError('DATA', 'No SAP connector is installed in this build'));
    expect(() => registry.get(config({ baseUrl: 'nowhere' }))).toThrow(expect.objectContaining({ kind: 'DATA', field: 'baseUrl' }));
  });
});
