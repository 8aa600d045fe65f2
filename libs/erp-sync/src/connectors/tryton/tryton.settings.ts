import { ConnectorSettingsError } from '../../connector/connector-definition';

/** The TRYTON connector's settings (JSON in the connector row; no secrets: the password is read from `passwordEnv`). */
export interface TrytonSettings {
  /** server root, e.g. http://erp.internal:8000 (no database part) */
  url: string;
  database: string;
  username: string;
  /** name of the environment variable holding the password */
  passwordEnv: string;
  /** Tryton warehouse code → Omnibus warehouse code, e.g. { "WH": "hamburg" }; only these warehouses are synced */
  warehouses: Record<string, string>;
  /** Tryton warehouse code new sales ship from (Tryton needs one when it has several); default: the first of `warehouses` */
  saleWarehouse?: string | null;
  /** the company currency; orders in another currency are refused as DATA (default EUR) */
  currency?: string;
  /** carrier written on shipments that come back (Tryton 6.0 core has no carrier on shipments); default null */
  carrier?: string | null;
  /** tracking URL template, `{tracking}` is replaced by the shipment's reference */
  trackingUrl?: string | null;
  /** code of a service product in Tryton that carries the shipping charge on sales; without it shipping is not sent */
  shippingProductCode?: string | null;
  /** payment method name given to payments that come back (default "tryton") */
  paymentMethod?: string;
  /** the Omnibus channel whose customers and B2B companies Tryton's parties are; without it no customers come in */
  customerChannel?: string | null;
  /** Tryton price list name → Omnibus channel code, e.g. { "Nordwind retail": "nordwind" }: mirrored as ERP-owned lists */
  priceLists?: Record<string, string>;
  timeoutMs?: number;
  /** seconds read again before each cursor (clock skew, microseconds Tryton keeps and JSON drops); default 5 */
  overlapSeconds?: number;
}

/** The settings with their defaults applied. */
export type ParsedTrytonSettings = Required<Pick<TrytonSettings, 'currency' | 'paymentMethod' | 'overlapSeconds'>> & TrytonSettings;

/** Checks the settings row; a bad one is refused when the connector is created (settingsJson). */
export function parseTrytonSettings(raw: Record<string, unknown>): ParsedTrytonSettings {
  const s = raw as Partial<TrytonSettings>;
  const text = (name: keyof TrytonSettings) => {
    const value = s[name];
    if (typeof value !== 'string' || !value.trim()) throw new ConnectorSettingsError(name, 'is required');
    return value.trim();
  };
  const url = text('url');
  if (!/^https?:\/\//.test(url)) throw new ConnectorSettingsError('url', 'must be an http(s) URL');
  const warehouses = s.warehouses;
  if (!warehouses || typeof warehouses !== 'object' || Array.isArray(warehouses) || Object.keys(warehouses).length === 0) {
    throw new ConnectorSettingsError(
      'warehouses',
      'must map at least one Tryton warehouse code to an Omnibus warehouse code, e.g. {"WH":"hamburg"}',
    );
  }
  for (const [code, local] of Object.entries(warehouses)) {
    if (typeof local !== 'string' || !local) throw new ConnectorSettingsError(`warehouses.${code}`, 'must be an Omnibus warehouse code');
  }
  if (s.saleWarehouse && !(s.saleWarehouse in warehouses))
    throw new ConnectorSettingsError('saleWarehouse', 'must be one of the Tryton codes in settings.warehouses');
  if (
    s.priceLists !== undefined &&
    (typeof s.priceLists !== 'object' ||
      s.priceLists === null ||
      Array.isArray(s.priceLists) ||
      Object.values(s.priceLists).some((v) => typeof v !== 'string' || !v))
  ) {
    throw new ConnectorSettingsError(
      'priceLists',
      'must map Tryton price list names to Omnibus channel codes, e.g. {"Nordwind retail":"nordwind"}',
    );
  }
  const overlapSeconds = s.overlapSeconds ?? 5;
  if (typeof overlapSeconds !== 'number' || overlapSeconds < 0) throw new ConnectorSettingsError('overlapSeconds', 'must be a number ≥ 0');
  return {
    ...s,
    url,
    database: text('database'),
    username: text('username'),
    passwordEnv: text('passwordEnv'),
    warehouses: { ...warehouses },
    currency: (s.currency ?? 'EUR').toUpperCase(),
    paymentMethod: s.paymentMethod ?? 'tryton',
    overlapSeconds,
  };
}
