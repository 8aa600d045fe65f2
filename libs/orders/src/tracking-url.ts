/** Public tracking pages of the carriers we know; `{n}` is the URL-encoded tracking number. */
const TRACKING_URL_TEMPLATES: Readonly<Record<string, string>> = {
  dhl: 'https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id={n}',
  ups: 'https://www.ups.com/track?tracknum={n}',
  fedex: 'https://www.fedex.com/fedextrack/?trknbr={n}',
  usps: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}',
  dpd: 'https://tracking.dpd.de/status/en_US/parcel/{n}',
  gls: 'https://gls-group.com/track/{n}',
};

export const KNOWN_CARRIERS = Object.keys(TRACKING_URL_TEMPLATES);

/** The tracking URL to store: the one given, else one built for a known carrier, else none. */
export function trackingUrlFor(
  carrier: string | null | undefined,
  trackingNumber: string | null | undefined,
  given?: string | null,
): string | null {
  if (given) return given;
  if (!carrier || !trackingNumber) return null;
  const template = TRACKING_URL_TEMPLATES[carrier.trim().toLowerCase()];
  return template ? template.replace('{n}', encodeURIComponent(trackingNumber.trim())) : null;
}
