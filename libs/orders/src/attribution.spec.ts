import { parseAttribution, parseUserAgent } from './attribution';

const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const SAFARI_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const SAFARI_IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('parseAttribution', () => {
  it('reads UTM parameters and click ids from the landing page', () => {
    const a = parseAttribution({
      landingPage: 'https://shop.example/p/x?utm_source=google&utm_medium=organic&utm_campaign=spring&gclid=abc',
    });
    expect(a).toMatchObject({ utmSource: 'google', utmMedium: 'organic', utmCampaign: 'spring', utmTerm: null, gclid: 'abc', paid: true });
  });

  it('accepts a path as landing page, and explicit fields win over its query', () => {
    const a = parseAttribution({
      landingPage: '/p/x?utm_source=google&utm_medium=cpc',
      utmSource: 'newsletter',
      referrer: ' https://ref.example/ ',
    });
    expect(a).toMatchObject({
      utmSource: 'newsletter',
      utmMedium: 'cpc',
      referrer: 'https://ref.example/',
      landingPage: '/p/x?utm_source=google&utm_medium=cpc',
    });
  });

  it.each([
    [{ utmMedium: 'CPC' }, true],
    [{ utmMedium: 'display' }, true],
    [{ utmMedium: 'paidsearch' }, true],
    [{ utmMedium: 'email' }, false],
    [{ fbclid: 'f1' }, true],
    [{ msclkid: 'm1' }, true],
    [{}, false],
  ])('paid for %j is %s', (input, paid) => {
    expect(parseAttribution(input).paid).toBe(paid);
  });

  it('tolerates a malformed landing page', () => {
    expect(parseAttribution({ landingPage: 'http://[::1' })).toMatchObject({ landingPage: 'http://[::1', utmSource: null, paid: false });
  });

  it('keeps nothing for an empty input', () => {
    expect(parseAttribution()).toEqual({
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      referrer: null,
      landingPage: null,
      gclid: null,
      fbclid: null,
      msclkid: null,
      paid: false,
      browser: null,
      os: null,
      deviceClass: null,
    });
  });
});

describe('parseUserAgent', () => {
  it('classifies browsers, systems and devices', () => {
    expect(parseUserAgent(CHROME_ANDROID)).toEqual({ browser: 'Chrome', os: 'Android', deviceClass: 'mobile' });
    expect(parseUserAgent(SAFARI_MAC)).toEqual({ browser: 'Safari', os: 'Mac OS', deviceClass: 'desktop' });
    expect(parseUserAgent(SAFARI_IPAD)).toMatchObject({ os: 'iOS', deviceClass: 'tablet' });
    expect(parseUserAgent('')).toEqual({ browser: null, os: null, deviceClass: null });
  });
});
