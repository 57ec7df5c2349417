import { ReportResult } from '../../../compiler';
import { classifyIp, deviceReport, MaxmindCountryLookup, type IpCountryLookup } from '.';
import type { ApplicantData } from '../types';

const now = new Date('2026-03-01T12:00:00Z');
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
const EMULATOR = 'Mozilla/5.0 (Linux; Android 11; sdk_gphone_x86 Build/RSR1.201013.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/83.0.4103.106 Mobile Safari/537.36';
const HEADLESS = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36';
const applicant: ApplicantData = { first_name: 'Jane', last_name: 'Doe', address: { country: 'GBR' } };
const passport = { doc: { extracted_data: { first_name: 'JANE', last_name: 'DOE', issuing_country: 'GBR' } } };
const geo = MaxmindCountryLookup.bundled();

describe('IP addresses', () => {
  it.each([['10.1.2.3', 'private'], ['192.168.0.10', 'private'], ['172.20.0.1', 'private'], ['100.64.1.1', 'private'], ['127.0.0.1', 'private'],
    ['::1', 'private'], ['fd12::1', 'private'], ['fe80::1', 'private'], ['::ffff:10.0.0.1', 'private'], ['81.2.69.142', 'public'],
    ['2a00:1450:4009:81f::200e', 'public'], ['not-an-ip', 'invalid']])('%s is %s', (ip, kind) => {
    expect(classifyIp(ip).kind).toBe(kind);
  });
  it('locates public addresses with the bundled database', () => {
    expect(geo.country('81.2.69.142')).toBe('GB');
    expect(geo.country('8.8.8.8')).toBe('US');
  });
});

describe('device_intelligence_report', () => {
  it('is clear for a phone browser in the country of the document and residence', async () => {
    const r = await deviceReport({ applicant, device: { ip: '81.2.69.142', user_agent: IPHONE, platform: 'iPhone', max_touch_points: 5 }, tasks: passport, config: {}, now, geo });
    expect(ReportResult.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ result: 'clear', breakdown: { device: { result: 'clear' }, geolocation: { result: 'clear', properties: { ip_country: 'GBR' } } },
      properties: { device: { browser: { name: 'Safari' }, os: { name: 'iOS' } }, ip: { type: 'public' } } });
  });

  it('flags an IP in a country that is neither the document nor the residence', async () => {
    const r = await deviceReport({ applicant, device: { ip: '8.8.8.8', user_agent: IPHONE }, tasks: passport, config: {}, now, geo });
    expect(r.breakdown.geolocation).toMatchObject({ result: 'consider', properties: { ip_country: 'USA', document_country: 'GBR', residence_country: 'GBR' } });
  });

  it('does not geolocate private addresses', async () => {
    const lookups: string[] = [];
    const spy: IpCountryLookup = { country: (ip) => { lookups.push(ip); return 'US'; } };
    const r = await deviceReport({ applicant, device: { ip: '192.168.1.20', user_agent: IPHONE }, config: {}, now, geo: spy });
    expect(lookups).toEqual([]);
    expect(r.breakdown.geolocation).toBeUndefined();
    expect(r.properties.ip).toMatchObject({ type: 'private' });
  });

  it('flags emulators, headless browsers and automation', async () => {
    const emu = await deviceReport({ applicant, device: { user_agent: EMULATOR, gpu_renderer: 'Google SwiftShader' }, config: {}, now, geo });
    expect(emu.breakdown.device).toMatchObject({ result: 'consider', breakdown: { device_integrity: { result: 'consider', properties: { reasons: [expect.stringContaining('emulator'), expect.stringContaining('SwiftShader')] } } } });
    const bot = await deviceReport({ applicant, device: { user_agent: HEADLESS, webdriver: true }, config: {}, now, geo });
    expect(bot.breakdown.device).toMatchObject({ breakdown: { application_authenticity: { result: 'consider', properties: { reasons: [expect.stringContaining('headless'), expect.stringContaining('webdriver')] } } } });
  });

  it('flags a mobile user agent on a desktop platform', async () => {
    const r = await deviceReport({ applicant, device: { user_agent: IPHONE, platform: 'Win32', max_touch_points: 0 }, config: {}, now, geo });
    expect(r.breakdown.device).toMatchObject({ breakdown: { device_integrity: { result: 'consider' } } });
  });
});
