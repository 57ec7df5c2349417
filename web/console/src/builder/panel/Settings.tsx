/**
 * Workflow settings (Start selected): name, description, applicant and custom inputs, welcome and
 * branding, the generic link, outputs; the Sources tab. A part it cannot edit (readable.ts) is a note.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPLICANT_FIELDS, CUSTOM_INPUT_TYPES, FORMATS, type Format } from '../../../../../compiler';
import type { Draft } from '../model';
import { Branding } from './Branding';
import { GenericLink } from './GenericLink';
import { humanize } from './Fields';
import { guarded } from './NotEditable';
import { Properties } from './Properties';
import { workflowParts } from './readable';
import { Sources } from './Sources';

type Custom = NonNullable<NonNullable<Draft['input']>['custom']>;

/** Two tabs: the settings, and Sources (every output on every result). */
export function Settings({ draft, workflowId, onChange }: { draft: Draft; workflowId: string; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'general' | 'sources'>('general');
  const tabs = ['general', 'sources'] as const;
  return (
    <>
      <div role="tablist" aria-label={t('panel.settings')} className="tabs"
        onKeyDown={(e) => { if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { const next = tab === 'general' ? 'sources' : 'general'; setTab(next); document.getElementById(`tab-${next}`)?.focus(); } }}>
        {tabs.map((x) => (
          <button key={x} id={`tab-${x}`} type="button" role="tab" aria-selected={tab === x} aria-controls={`tabpanel-${x}`} tabIndex={tab === x ? 0 : -1}
            onClick={() => setTab(x)}>{t(`panel.tab.${x}`)}</button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'general' ? <General draft={draft} workflowId={workflowId} onChange={onChange} /> : <Sources draft={draft} onChange={onChange} />}
      </div>
    </>
  );
}

function General({ draft, workflowId, onChange }: { draft: Draft; workflowId: string; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const [outName, setOutName] = useState('');
  const [outFormat, setOutFormat] = useState<Format>('other');
  const parts = useMemo(() => workflowParts(draft), [draft]);
  const applicant = draft.input?.applicant === 'all' ? [...APPLICANT_FIELDS] : draft.input?.applicant ?? [];
  const setApplicant = (fields: typeof applicant) => {
    const { applicant: _a, ...input } = draft.input ?? {};
    const next = fields.length ? { ...input, applicant: fields } : input;
    const { input: _i, ...rest } = draft;
    onChange(Object.keys(next).length ? { ...rest, input: next } : rest);
  };
  const setCustom = (custom: Custom | undefined) => {
    const { custom: _c, ...input } = draft.input ?? {};
    const next = custom ? { ...input, custom } : input;
    const { input: _i, ...rest } = draft;
    onChange(Object.keys(next).length ? { ...rest, input: next } : rest);
  };
  const setOutput = (output: NonNullable<Draft['output']>) => {
    const { output: _o, ...rest } = draft;
    onChange(Object.keys(output).length ? { ...rest, output } : rest);
  };
  const addOutput = () => {
    if (!outName.trim() || parts.has('output')) return;
    setOutput({ ...draft.output, [outName.trim()]: { format: outFormat } });
    setOutName('');
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); addOutput(); }}>
      {guarded(parts, 'name', t('panel.workflowName'), () => (
        <div className="field">
          <label htmlFor="wf-title">{t('panel.workflowName')}</label>
          <input id="wf-title" value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
        </div>
      ))}
      {guarded(parts, 'description', t('panel.description'), () => (
        <div className="field">
          <label htmlFor="wf-description">{t('panel.description')}</label>
          <textarea id="wf-description" value={draft.description ?? ''}
            onChange={(e) => { const { description: _d, ...rest } = draft; onChange(e.target.value ? { ...rest, description: e.target.value } : rest); }} />
        </div>
      ))}
      {guarded(parts, 'input', t('notEditable.what.input'), () => (
        <>
          <fieldset>
            <legend>{t('panel.applicant')}</legend>
            {guarded(parts, 'input.applicant', t('panel.applicant'), () => APPLICANT_FIELDS.map((f) => (
              <label className="check" key={f}><input type="checkbox" checked={applicant.includes(f)}
                onChange={(e) => setApplicant(e.target.checked ? APPLICANT_FIELDS.filter((x) => x === f || applicant.includes(x)) : applicant.filter((x) => x !== f))} />{humanize(f)}</label>
            )))}
          </fieldset>
          {guarded(parts, 'input.custom', t('props.customHeading'), () => (
            <Properties what={t('props.custom')} title={t('props.customHeading')} value={draft.input?.custom} onChange={(v) => setCustom(v as Custom | undefined)}
              typeKey="type" types={CUSTOM_INPUT_TYPES} required={{ absent: true }} fresh={(type) => ({ type: type as Custom[string]['type'] })} parts={parts} at="input.custom" />
          ))}
        </>
      ))}
      {guarded(parts, 'settings', t('notEditable.what.settings'), () => (
        <>
          <Branding draft={draft} parts={parts} onChange={onChange} />
          <GenericLink draft={draft} workflowId={workflowId} parts={parts} onChange={onChange} />
        </>
      ))}
      <fieldset>
        <legend>{t('panel.outputs')}</legend>
        {guarded(parts, 'output', t('panel.outputs'), () => (
          <>
            <ul>{Object.entries(draft.output ?? {}).map(([k, v]) => (
              <li key={k}>{guarded(parts, `output.${k}`, t('panel.resultOutput', { name: k }), () => `${k} (${v.format}) `)}<button type="button" aria-label={t('panel.removeOutput', { name: k })}
                onClick={() => { const { [k]: _x, ...rest } = draft.output ?? {}; setOutput(rest); }}>✕</button></li>
            ))}</ul>
            <div className="field"><label htmlFor="out-name">{t('panel.outputName')}</label>
              <input id="out-name" value={outName} onChange={(e) => setOutName(e.target.value)} /></div>
            <div className="field"><label htmlFor="out-format">{t('panel.format')}</label>
              <select id="out-format" value={outFormat} onChange={(e) => setOutFormat(e.target.value as Format)}>
                {FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
              </select></div>
            <button type="submit">{t('panel.addOutput')}</button>
          </>
        ))}
      </fieldset>
    </form>
  );
}
