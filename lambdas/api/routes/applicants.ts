/**
 * Applicants, as Onfido's API v3.6: create, list (paged with `Link` and `X-Total-Count`), find,
 * update, delete (scheduled, soft) and restore. An applicant lives in the environment of the
 * token that created it; an SDK token reads only its own applicant.
 */
import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { config } from '../../shared/config';
import { forbidden } from '../../shared/errors';
import * as store from '../../store/applicants';
import { deleteApplicant, restoreApplicant } from '../../store/applicant-deletion';
import { json, noContent, type Caller, type Request } from '../http';
import { reindexRunsOf } from '../../results/reindex';
import type { Router } from '../router';
import { parseJsonBody, parseQuery, parseWith } from '../validate';

/** Onfido's country codes: ISO 3166-1 alpha-3, and `RKS` for Kosovo (which ISO has not assigned; i18n-iso-countries knows it as `XKK`). */
export const country = z.string().refine((c) => c === 'RKS' || countries.alpha3ToAlpha2(c) !== undefined, 'must be an ISO 3166-1 alpha-3 country code (or RKS for Kosovo), such as GBR');
const text = (max: number) => z.string().trim().min(1).max(max);
/** A person's name: no control characters (newlines, NUL, escapes) that would forge lines in logs, reports or webhooks. */
const personName = text(100).refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');
const Address = z.object({
  flat_number: text(50).optional(), building_number: text(50).optional(), building_name: text(100).optional(),
  street: text(200).optional(), sub_street: text(200).optional(), town: text(100).optional(),
  postcode: text(20), country, state: text(50).optional(),
  line1: text(200).nullable().optional(), line2: text(200).nullable().optional(), line3: text(200).nullable().optional(),
});
const ID_TYPES = ['ssn', 'social_insurance', 'tax_id', 'identity_card', 'driving_license', 'driving_licence', 'share_code', 'voter_id', 'passport', 'other'] as const;
const ApplicantFields = {
  email: z.email().max(254).optional(),
  dob: z.iso.date('must be a date as YYYY-MM-DD').optional(),
  address: Address.optional(),
  id_numbers: z.array(z.object({ type: z.enum(ID_TYPES), value: text(100), state_code: text(10).optional() })).max(20).optional(),
  phone_number: z.string().regex(/^\+?[0-9 ()-]{4,30}$/, 'must be a phone number such as +447700900123').optional(),
  location: z.object({ ip_address: z.union([z.ipv4(), z.ipv6()]).optional(), country_of_residence: country.optional() }).optional(),
  consents: z.array(z.object({ name: z.enum(['privacy_notices_read', 'ssn_verification', 'phone_number_verification']), granted: z.boolean() })).max(10).optional(),
  /** Extension: pauses every purge of the applicant (settable during the deletion grace period too). */
  legal_hold: z.boolean().optional(),
};
export const ApplicantCreate = z.object({ first_name: personName, last_name: personName, ...ApplicantFields });
const ApplicantUpdate = z.object({ first_name: personName.optional(), last_name: personName.optional(), ...ApplicantFields });
const ListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(20),
  include_deleted: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
const Id = z.string().min(1).max(100);

/** Onfido's Applicant object; an absent value is `null`, as Onfido answers it. */
export function applicantBody(a: store.ApplicantRecord) {
  return {
    id: a.id, created_at: a.created_at, delete_at: a.delete_at ?? null, href: `/v3.6/applicants/${a.id}`, sandbox: a.environment === 'sandbox',
    first_name: a.first_name, last_name: a.last_name, email: a.email ?? null, dob: a.dob ?? null, address: a.address ?? null,
    id_numbers: a.id_numbers ?? [], phone_number: a.phone_number ?? null, location: a.location ?? null,
    ...(a.legal_hold !== undefined ? { legal_hold: a.legal_hold } : {}),
    ...(a.trial ? { trial: true } : {}),
  };
}

/** An SDK token is scoped to one applicant; API tokens see every applicant of their environment. */
export function assertApplicantAccess(caller: Caller, applicantId: string): void {
  if (caller.kind === 'sdk' && caller.applicantId !== applicantId) throw forbidden('This SDK token can only access its own applicant');
}

const idOf = (req: Request) => parseWith(z.object({ id: Id }), req.params, 'path').id;

export function addApplicantRoutes(router: Router): void {
  router.add('POST', '/v3.6/applicants', 'api', async (req) =>
    json(201, applicantBody(await store.createApplicant(req.caller.environment, parseJsonBody(ApplicantCreate, req.body)))));
  router.add('GET', '/v3.6/applicants', 'api', listApplicants);
  router.add('GET', '/v3.6/applicants/{id}', 'api_or_sdk', async (req) => {
    const id = idOf(req);
    assertApplicantAccess(req.caller, id);
    // The capture page never reads the applicant: a run link's token does not reach the integrator's data about them.
    if (req.caller.kind === 'sdk' && req.caller.runId) throw forbidden('A capture session reaches only its run, not the applicant');
    return json(200, applicantBody(await store.getApplicant(id, req.caller.environment)));
  });
  router.add('PUT', '/v3.6/applicants/{id}', 'api', async (req) => {
    const id = idOf(req);
    const data = parseJsonBody(ApplicantUpdate, req.body);
    const updated = await store.updateApplicant(id, req.caller.environment, data);
    // The console's results search finds runs by the applicant's name and email.
    if (data.first_name !== undefined || data.last_name !== undefined || data.email !== undefined) await reindexRunsOf(id, updated);
    return json(200, applicantBody(updated));
  });
  router.add('DELETE', '/v3.6/applicants/{id}', 'api', async (req) => {
    const by = req.caller.kind === 'api' ? req.caller.tokenId : 'unknown';
    await deleteApplicant(idOf(req), req.caller.environment, { kind: 'api_token', token_id: by });
    return noContent();
  });
  router.add('POST', '/v3.6/applicants/{id}/restore', 'api', async (req) => {
    await restoreApplicant(idOf(req), req.caller.environment);
    return noContent();
  });
}

async function listApplicants(req: Request) {
  const q = parseQuery(ListQuery, req.query);
  const page = await store.listApplicants(req.caller.environment, { page: q.page, perPage: q.per_page, includeDeleted: q.include_deleted });
  const headers: Record<string, string> = { 'x-total-count': String(page.total) };
  const link = pageLinks(q.page, q.per_page, page.total, q.include_deleted);
  if (link) headers.link = link;
  return json(200, { applicants: page.items.map(applicantBody) }, headers);
}

/** RFC 8288 links as Onfido sends them: first, prev, next, last, absolute URLs. */
function pageLinks(page: number, perPage: number, total: number, includeDeleted: boolean): string | undefined {
  const last = Math.max(1, Math.ceil(total / perPage));
  const url = (p: number) => `<${config().PUBLIC_URL}/v3.6/applicants?page=${p}&per_page=${perPage}${includeDeleted ? '&include_deleted=true' : ''}>`;
  const links = [
    ...(page > 1 ? [`${url(1)}; rel="first"`, `${url(Math.min(page - 1, last))}; rel="prev"`] : []),
    ...(page < last ? [`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`] : []),
  ];
  return links.length ? links.join(', ') : undefined;
}
