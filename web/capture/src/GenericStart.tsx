/**
 * A workflow's generic link (`/capture/f/<workflow id>`): asks for the applicant fields the
 * workflow requires, creates the applicant and the run (POST /v3.6/generic_links/<id>/workflow_runs)
 * and continues at the run's own link. Too many starts from one address: the API's 429 and
 * `Retry-After` are said in words.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowSettings } from './api';
import { LANGUAGES } from './i18n';
import { CountryField, Field } from './ui/fields';
import { Heading } from './ui/Heading';
import { Page } from './ui/Page';

interface Info { name: string; settings: WorkflowSettings | null; applicant_fields: string[] }
type Problem = { kind: 'busy'; seconds: number } | { kind: 'unavailable' } | { kind: 'generic' | 'invalid'; details: string[] };
const INPUT: Record<string, { type: string; autoComplete: string }> = {
  first_name: { type: 'text', autoComplete: 'given-name' }, last_name: { type: 'text', autoComplete: 'family-name' },
  email: { type: 'email', autoComplete: 'email' }, dob: { type: 'date', autoComplete: 'bday' }, phone_number: { type: 'tel', autoComplete: 'tel' },
};
const ADDRESS = [['building_number', false, 'address-line1'], ['street', true, 'address-line2'], ['town', true, 'address-level2'], ['postcode', true, 'postal-code']] as const;

const base = (workflowId: string) => `/v3.6/generic_links/${encodeURIComponent(workflowId)}`;

export function GenericStart({ workflowId }: { workflowId: string }) {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<Info>();
  const [problem, setProblem] = useState<Problem>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);

  useEffect(() => {
    fetch(base(workflowId), { headers: { accept: 'application/json' } }).then(async (res) => {
      if (res.ok) setInfo(await res.json() as Info); else setProblem(res.status === 404 ? { kind: 'unavailable' } : { kind: 'generic', details: [] });
    }, () => setProblem({ kind: 'generic', details: [] }));
  }, [workflowId]);

  const set = (k: string, v: string | undefined) => { setValues((o) => ({ ...o, [k]: v ?? '' })); setErrors((o) => ({ ...o, [k]: '' })); };
  const asked = new Set(info?.applicant_fields ?? []);

  async function start() {
    const found: Record<string, string> = {};
    const applicant: Record<string, unknown> = {};
    for (const f of Object.keys(INPUT).filter((n) => asked.has(n))) {
      const v = (values[f] ?? '').trim();
      if (v) applicant[f] = v; else found[f] = t('profile.required');
    }
    if (asked.has('address')) {
      const a: Record<string, string> = {};
      for (const [k, required] of ADDRESS) { const v = (values[`address.${k}`] ?? '').trim(); if (v) a[k] = v; else if (required) found[`address.${k}`] = t('profile.required'); }
      if (values['address.country']) a.country = values['address.country']; else found['address.country'] = t('profile.required');
      applicant.address = a;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setSending(true);
    setProblem(undefined);
    const language = (LANGUAGES as string[]).includes(i18n.language) && i18n.language !== 'ar_XB' ? { language: i18n.language } : {};
    try {
      const res = await fetch(`${base(workflowId)}/workflow_runs`, {
        method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify({ applicant, ...language }),
      });
      const body = await res.json().catch(() => undefined) as { url?: string; error?: { fields?: Record<string, string[]> } } | undefined;
      if (res.ok && body?.url) return location.assign(body.url);
      setSending(false);
      if (res.status === 429) return setProblem({ kind: 'busy', seconds: Number(res.headers.get('retry-after')) || 60 });
      if (res.status === 404) return setProblem({ kind: 'unavailable' });
      const fields = body?.error?.fields ?? {};
      const mine: Record<string, string> = {};
      const rest: string[] = [];
      for (const [k, v] of Object.entries(fields)) {
        const name = k.replace(/^applicant\./, '');
        if (name in INPUT || name.startsWith('address.')) mine[name] = t('profile.invalid'); else rest.push(`${name}: ${v.join(', ')}`);
      }
      setErrors(mine);
      setProblem({ kind: res.status === 422 ? 'invalid' : 'generic', details: rest });
    } catch {
      setSending(false);
      setProblem({ kind: 'generic', details: [] });
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
        : problem.kind === 'invalid' ? t('errors.invalid') : t('errors.generic')}</p>
      {(problem.kind === 'generic' || problem.kind === 'invalid') && problem.details.length > 0 && <ul>{problem.details.map((d) => <li key={d}>{d}</li>)}</ul>}
    </div>
  );
  return (
    <Page title={info?.name || t('app.title')} settings={info?.settings}>
      {alert}
      {!info && !problem && <p className="status" role="status"><span className="spinner" aria-hidden="true" />{t('app.loading')}</p>}
      {sending && <p className="status" role="status"><span className="spinner" aria-hidden="true" />{t('waiting.sending')}</p>}
      {info && !sending && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <Heading>{t('generic.heading')}</Heading>
          <p>{t('generic.body')}</p>
          {Object.keys(INPUT).filter((n) => asked.has(n)).map((n) => input(n, t(`profile.fields.${n}` as 'profile.fields.email'), INPUT[n]!.type, INPUT[n]!.autoComplete))}
          {asked.has('address') && (
            <fieldset>
              <legend>{t('profile.address')}</legend>
              {ADDRESS.map(([k, required, auto]) => input(`address.${k}`, t(`profile.fields.${k}`), 'text', auto, !required))}
              <CountryField label={t('profile.fields.country')} value={values['address.country']} error={errors['address.country'] || undefined}
                onChange={(c) => set('address.country', c)} />
            </fieldset>
          )}
          <button type="submit">{t('generic.continue')}</button>
        </form>
      )}
    </Page>
  );
}
