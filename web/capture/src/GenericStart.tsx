/**
 * A workflow's generic link (`/capture/f/<workflow id>`): asks for the applicant fields and the
 * custom inputs the workflow requires (`generic/form.ts`; the first field to fix gets the focus), creates the applicant and the run (POST /v3.6/generic_links/<id>/workflow_runs)
 * and continues at the run's own link. Too many starts from one address: the API's 429 and
 * `Retry-After` are said in words. Both requests have a time limit (timeouts.ts): one that runs out says so.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomField } from './generic/CustomField';
import { ADDRESS, buildRequest, formKeyOf, ID_TYPES, PLAIN, type Info, type Problem as FieldProblem } from './generic/form';
import { LANGUAGES } from './i18n';
import { CountryField, Field } from './ui/fields';
import { Heading } from './ui/Heading';
import { Page } from './ui/Page';
import { fetchWithin, LIMITS, TimedOut } from './timeouts';

type Problem = { kind: 'busy'; seconds: number } | { kind: 'unavailable' } | { kind: 'generic' | 'invalid' | 'timeout'; details: string[] };
const failed = (e: unknown): Problem => ({ kind: e instanceof TimedOut ? 'timeout' : 'generic', details: [] });
const MESSAGE: Record<FieldProblem, 'profile.required' | 'generic.number' | 'generic.dateTime'> = { required: 'profile.required', number: 'generic.number', date_time: 'generic.dateTime' };

/** A new random Idempotency-Key (a version 4 UUID): crypto.randomUUID, or from crypto.getRandomValues where it is missing (Safari before 15.4). */
function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const base = (workflowId: string) => `/v3.6/generic_links/${encodeURIComponent(workflowId)}`;

export function GenericStart({ workflowId }: { workflowId: string }) {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<Info>();
  const [problem, setProblem] = useState<Problem>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [refused, setRefused] = useState(0);
  const [loads, setLoads] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  // The Idempotency-Key of the last start sent: sent again with the same answers (a retry after a timeout
  // or a lost answer gets the run the first one made), a new one once they change.
  const attempt = useRef<{ body: string; key: string } | undefined>(undefined);
  useEffect(() => { if (refused) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(); }, [refused]); // the first field to fix

  // A failure (network, a server error, an answer that is not JSON) says so with "Try again", never a spinner for good.
  useEffect(() => {
    fetchWithin(LIMITS.jsonMs, base(workflowId), { headers: { accept: 'application/json' } }, async (res) => {
      if (res.ok) setInfo(await res.json() as Info); else setProblem(res.status === 404 ? { kind: 'unavailable' } : { kind: 'generic', details: [] });
    }).catch((e: unknown) => setProblem(failed(e)));
  }, [workflowId, loads]);

  const set = (k: string, v: string | undefined) => { setValues((o) => ({ ...o, [k]: v ?? '' })); setErrors((o) => ({ ...o, [k]: '' })); };
  const asked = new Set(info?.applicant_fields ?? []);

  async function start() {
    if (!info) return;
    const built = buildRequest(info, values);
    if ('errors' in built) {
      setErrors(Object.fromEntries(Object.entries(built.errors).map(([k, p]) => [k, t(MESSAGE[p])])));
      setRefused((n) => n + 1);
      return;
    }
    setErrors({});
    setSending(true);
    setProblem(undefined);
    const language = (LANGUAGES as string[]).includes(i18n.language) && i18n.language !== 'ar_XB' ? { language: i18n.language } : {};
    const body = JSON.stringify({ ...built.body, ...language });
    try {
      if (attempt.current?.body !== body) attempt.current = { body, key: idempotencyKey() };
      const { res, text } = await fetchWithin(LIMITS.jsonMs, `${base(workflowId)}/workflow_runs`, {
        method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': attempt.current.key }, body,
      }, async (r) => ({ res: r, text: await r.text() }));
      let answer: { url?: string; error?: { fields?: Record<string, string[]> } } | undefined;
      try { answer = JSON.parse(text) as typeof answer; } catch { answer = undefined; }
      if (res.ok && answer?.url) return location.assign(answer.url);
      setSending(false);
      if (res.status === 429) return setProblem({ kind: 'busy', seconds: Number(res.headers.get('retry-after')) || 60 });
      if (res.status === 404) return setProblem({ kind: 'unavailable' });
      const fields = answer?.error?.fields ?? {};
      const mine: Record<string, string> = {};
      const rest: string[] = [];
      for (const [k, v] of Object.entries(fields)) {
        const key = formKeyOf(k, info);
        if (key) mine[key] = t('profile.invalid'); else rest.push(`${k.replace(/^applicant\./, '')}: ${v.join(', ')}`);
      }
      setErrors(mine);
      if (Object.keys(mine).length) setRefused((n) => n + 1);
      setProblem({ kind: res.status === 422 ? 'invalid' : 'generic', details: rest });
    } catch (e) {
      setSending(false);
      setProblem(failed(e));
    }
  }

  const input = (key: string, label: string, type = 'text', autoComplete = 'off', optional = false) => (
    <Field key={key} label={optional ? `${label} ${t('profile.optional')}` : label} error={errors[key] || undefined}>
      {({ id, describedBy, invalid }) => <input id={id} name={key} type={type} autoComplete={autoComplete} value={values[key] ?? ''}
        aria-describedby={describedBy} aria-invalid={invalid} required={!optional} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  const alert = problem && (
    <div className="error" role="alert">
      <p>{problem.kind === 'busy' ? t('generic.busy', { seconds: problem.seconds }) : problem.kind === 'unavailable' ? t('generic.unavailable')
        : problem.kind === 'invalid' ? t('errors.invalid') : problem.kind === 'timeout' ? t('errors.timeout') : t('errors.generic')}</p>
      {(problem.kind === 'generic' || problem.kind === 'invalid') && problem.details.length > 0 && <ul>{problem.details.map((d) => <li key={d}>{d}</li>)}</ul>}
      {!info && (problem.kind === 'generic' || problem.kind === 'timeout') && <button type="button" onClick={() => { setProblem(undefined); setLoads((n) => n + 1); }}>{t('errors.tryAgain')}</button>}
    </div>
  );
  return (
    <Page title={info?.name || t('app.title')} settings={info?.settings}>
      {alert}
      {!info && !problem && <p className="status" role="status"><span className="spinner" aria-hidden="true" />{t('app.loading')}</p>}
      {sending && <p className="status" role="status"><span className="spinner" aria-hidden="true" />{t('waiting.sending')}</p>}
      {info && !sending && (
        <form ref={form} noValidate onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <Heading>{t('generic.heading')}</Heading>
          <p>{t('generic.body')}</p>
          {Object.keys(PLAIN).filter((n) => asked.has(n)).map((n) => input(n, t(`profile.fields.${n}` as 'profile.fields.email'), PLAIN[n]!.type, PLAIN[n]!.autoComplete))}
          {asked.has('address') && (
            <fieldset>
              <legend>{t('profile.address')}</legend>
              {ADDRESS.map(([k, required, auto]) => input(`address.${k}`, t(`profile.fields.${k}`), 'text', auto, !required))}
              <CountryField label={t('profile.fields.country')} value={values['address.country']} error={errors['address.country'] || undefined}
                onChange={(c) => set('address.country', c)} />
            </fieldset>
          )}
          {asked.has('id_numbers') && (
            <fieldset>
              <legend>{t('generic.idNumber')}</legend>
              <Field label={t('generic.idType')} error={errors['id_numbers.type'] || undefined}>
                {({ id, describedBy, invalid }) => (
                  <select id={id} name="id_numbers.type" value={values['id_numbers.type'] ?? ''} aria-describedby={describedBy} aria-invalid={invalid} required
                    onChange={(e) => set('id_numbers.type', e.target.value)}>
                    <option value="">{t('generic.choose')}</option>
                    {ID_TYPES.map((k) => <option key={k} value={k}>{t(`generic.idTypes.${k}`)}</option>)}
                  </select>
                )}
              </Field>
              {input('id_numbers.value', t('generic.idValue'))}
            </fieldset>
          )}
          {asked.has('location') && (
            <CountryField label={t('profile.fields.country_of_residence')} value={values['location.country_of_residence']}
              error={errors['location.country_of_residence'] || undefined} onChange={(c) => set('location.country_of_residence', c)} />
          )}
          {(info.custom_inputs ?? []).map((c) => (
            <CustomField key={c.name} input={c} value={values[`custom.${c.name}`] ?? ''} error={errors[`custom.${c.name}`] || undefined}
              onChange={(v) => set(`custom.${c.name}`, v)} />
          ))}
          <button type="submit">{t('generic.continue')}</button>
        </form>
      )}
    </Page>
  );
}
