import UAParser from 'ua-parser-js'; // v1: MIT (v2 is AGPL)

/** What the storefront tells us about where the order came from; explicit fields win over the landing page's query. */
export interface AttributionInput {
  landingPage?: string | null;
  referrer?: string | null;
  utmSource?: string | null;
  utmMedium?: string | null;
  utmCampaign?: string | null;
  utmTerm?: string | null;
  utmContent?: string | null;
  gclid?: string | null;
  fbclid?: string | null;
  msclkid?: string | null;
  userAgent?: string | null;
}

/** The attribution columns of an order. */
export interface Attribution {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  referrer: string | null;
  landingPage: string | null;
  gclid: string | null;
  fbclid: string | null;
  msclkid: string | null;
  paid: boolean;
  browser: string | null;
  os: string | null;
  deviceClass: string | null;
}

/** utm_medium values that mean someone paid for the click (compared lower-cased). */
export const PAID_MEDIUMS = ['cpc', 'ppc', 'paid', 'paidsearch', 'display'] as const;

const MAX_LENGTH = 500;

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, MAX_LENGTH) : null;
};

/** Query parameters of a landing page, absolute or a path; a malformed one yields none rather than failing the order. */
function queryOf(landingPage: string | null): URLSearchParams {
  if (!landingPage) return new URLSearchParams();
  try {
    return new URL(landingPage, 'http://landing.invalid').searchParams;
  } catch {
    return new URLSearchParams();
  }
}

/** Browser, OS and device class (mobile, tablet, desktop, …) of a user agent; ua-parser reports no device type for desktops. */
export function parseUserAgent(userAgent: string | null | undefined): Pick<Attribution, 'browser' | 'os' | 'deviceClass'> {
  const ua = clean(userAgent);
  if (!ua) return { browser: null, os: null, deviceClass: null };
  const result = new UAParser(ua).getResult();
  return {
    browser: result.browser.name ?? null,
    os: result.os.name ?? null,
    deviceClass: result.device.type ?? (result.browser.name || result.os.name ? 'desktop' : null),
  };
}

/** Pure: the order's attribution columns from what the storefront sent. */
export function parseAttribution(input: AttributionInput = {}): Attribution {
  const landingPage = clean(input.landingPage);
  const query = queryOf(landingPage);
  const pick = (explicit: string | null | undefined, param: string) => clean(explicit) ?? clean(query.get(param));
  const attribution = {
    utmSource: pick(input.utmSource, 'utm_source'),
    utmMedium: pick(input.utmMedium, 'utm_medium'),
    utmCampaign: pick(input.utmCampaign, 'utm_campaign'),
    utmTerm: pick(input.utmTerm, 'utm_term'),
    utmContent: pick(input.utmContent, 'utm_content'),
    referrer: clean(input.referrer),
    landingPage,
    gclid: pick(input.gclid, 'gclid'),
    fbclid: pick(input.fbclid, 'fbclid'),
    msclkid: pick(input.msclkid, 'msclkid'),
  };
  const paid =
    Boolean(attribution.gclid || attribution.fbclid || attribution.msclkid) ||
    (PAID_MEDIUMS as readonly string[]).includes(attribution.utmMedium?.toLowerCase() ?? '');
  return { ...attribution, paid, ...parseUserAgent(input.userAgent) };
}
