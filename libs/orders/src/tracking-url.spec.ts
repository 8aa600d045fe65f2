import { trackingUrlFor } from './tracking-url';

describe('tracking URLs', () => {
  it('builds the URL of a known carrier, whatever the case of its name, encoding the number', () => {
    expect(trackingUrlFor('DHL', '00340434161094042557')).toBe(
      'https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=00340434161094042557',
    );
    expect(trackingUrlFor(' ups ', '1Z 999')).toBe('https://www.ups.com/track?tracknum=1Z%20999');
    expect(trackingUrlFor('gls', 'A/B')).toBe('https://gls-group.com/track/A%2FB');
  });

  it('keeps a URL the sender gave', () => {
    expect(trackingUrlFor('dhl', '123', 'https://example.com/t/123')).toBe('https://example.com/t/123');
  });

  it('builds nothing for an unknown carrier or without a tracking number', () => {
    expect(trackingUrlFor('pigeon', '123')).toBeNull();
    expect(trackingUrlFor('dhl', null)).toBeNull();
    expect(trackingUrlFor(null, '123')).toBeNull();
  });
});
