/**
 * device_intelligence_report from the signals the capture page recorded (IP, user agent,
 * webdriver flag, WebGL renderer, platform). Breakdown, shaped as Onfido's:
 * - `device.application_authenticity`: not a crawler, headless browser or automation;
 * - `device.device_integrity`: no emulator or spoofed-platform hints;
 * - `geolocation`: the IP's country is the document's issuing country or the residence
 *   country (absent for private/unknown IPs or with neither country known).
 * Not judged: `device_reputation` (needs device history across customers) and VPN/proxy/Tor
 * detection (needs an IP reputation feed).
 */
import countries from 'i18n-iso-countries';
import { collectSources, firstOf } from '../identity_report';
import { worst, type ApplicantData, type BreakdownArea, type ReportResult } from '../types';
import { classifyIp, type IpCountryLookup } from './ip';
import { describeClient, type DeviceSignals } from './user-agent';

export interface DeviceEvidence {
  applicant: ApplicantData;
  device: DeviceSignals;
  tasks?: Record<string, unknown>;
  config: Record<string, unknown>;
  now: Date;
  geo: IpCountryLookup;
}

const alpha3 = (c: string | undefined) => (!c ? undefined : c.length === 2 ? countries.alpha2ToAlpha3(c.toUpperCase()) : countries.isValid(c) ? c.toUpperCase() : undefined);

export async function deviceReport(ev: DeviceEvidence): Promise<ReportResult> {
  const client = describeClient(ev.device);
  const ip = ev.device.ip ? classifyIp(ev.device.ip) : undefined;
  const ipCountry = ip?.kind === 'public' ? alpha3(ev.geo.country(ip.address)) : undefined;
  const sources = collectSources(ev.applicant, ev.tasks);
  const documentCountry = alpha3(firstOf(sources.filter((s) => s.source === 'document'), 'issuing_country'));
  const residence = alpha3(ev.applicant.address?.country) ?? alpha3(firstOf(sources, 'country_of_residence'));

  const device: Record<string, BreakdownArea> = {
    application_authenticity: { result: client.automation.length ? 'consider' : 'clear', ...(client.automation.length ? { properties: { reasons: client.automation } } : {}) },
    device_integrity: { result: client.emulator_hints.length ? 'consider' : 'clear', ...(client.emulator_hints.length ? { properties: { reasons: client.emulator_hints } } : {}) },
  };
  const breakdown: Record<string, BreakdownArea> = { device: { result: worst(Object.values(device).map((b) => b.result)), breakdown: device } };
  const references = [documentCountry, residence].filter((c): c is string => !!c);
  if (ipCountry && references.length) {
    breakdown.geolocation = { result: references.includes(ipCountry) ? 'clear' : 'consider',
      properties: { ip_country: ipCountry, document_country: documentCountry ?? null, residence_country: residence ?? null } };
  }
  return {
    result: worst(Object.values(breakdown).map((b) => b.result)) ?? 'consider',
    breakdown,
    properties: {
      device: { browser: client.browser, os: client.os, platform_type: client.platform_type, user_agent: ev.device.user_agent ?? null },
      ip: ip ? { address: ip.address, type: ip.kind, version: ip.version ?? null } : null,
      geolocation: ipCountry ? { country: ipCountry } : null,
      checked_at: ev.now.toISOString(),
    },
  };
}
