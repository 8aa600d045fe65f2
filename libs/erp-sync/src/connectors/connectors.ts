import { demoErpConnector } from './demo/demo-erp.connector';
import { httpJsonConnector } from './http/http-json.connector';
import { trytonConnector } from './tryton/tryton.connector';

/**
 * Every connector this build has: the one registration. The kind list, the GraphQL `ConnectorKind`
 * enum, the check of a connector row's kind and settings, and the factory all come from here, so a
 * new connector is one file declaring it (`defineConnector`) and one line in this list.
 */
export const CONNECTORS = [demoErpConnector, httpJsonConnector, trytonConnector] as const;

export type ConnectorKind = (typeof CONNECTORS)[number]['kind'];
export const CONNECTOR_KINDS: readonly ConnectorKind[] = CONNECTORS.map((c) => c.kind);

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return CONNECTORS.some((c) => c.kind === kind);
}
