/**
 * Named properties with a format and a semantic type: the properties a Send/Receive task sends
 * (each with its source path) or receives (each maybe required), and the workflow's custom inputs.
 * What "required" means without the key differs by use, so each use says it (`required`): a receive
 * property is optional unless `"required": true`, a custom input mandatory unless `"required": false`.
 * The checkbox shows what is stored and writes only that: set to what absence means, the key is removed
 * (an explicit key the user flipped away from comes back when flipped back while the panel is open).
 * A property it cannot edit (readable.ts: `<at>.<name>` in `parts`) is a note, and may be removed.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEMANTIC_FIELDS } from '../../../../../compiler';
import type { PathOption } from '../paths';
import { NotEditable } from './NotEditable';
import type { Parts } from './readable';

export type Prop = { format?: string; type?: string; source?: string; semantic?: string; required?: boolean };

interface Props<P extends Prop> {
  /** Names the controls: "Send property", "Receive property", "Custom input". */
  what: string; title: string; value: Record<string, P> | undefined; onChange: (next: Record<string, P> | undefined) => void;
  /** The key holding the type (`format`, or `type` for custom inputs) and its choices. */
  typeKey: 'format' | 'type'; types: readonly string[];
  sources?: PathOption[] | undefined;
  /** A "required" checkbox per property, and what a property without the `required` key is (receive: false, custom inputs: true). */
  required?: { absent: boolean } | undefined;
  fresh: (type: string) => P;
  /** The parts not editable, and the path of the properties (`send`, `input.custom`). */
  parts: Parts; at: string;
}

export function Properties<P extends Prop>({ what, title, value, onChange, typeKey, types, sources, required, fresh, parts, at }: Props<P>) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  // Properties whose `required` key held the value that absence means when the user flipped it: flipped back, the key is written again.
  const explicit = useRef(new Set<string>());
  const setRequired = (k: string, p: P, on: boolean) => {
    if (!required) return;
    if (on === required.absent) patch(k, p, 'required', explicit.current.has(k) ? on : undefined);
    else {
      if (p.required === required.absent) explicit.current.add(k); else explicit.current.delete(k);
      patch(k, p, 'required', on);
    }
  };
  const entries = Object.entries(value ?? {});
  const set = (k: string, p: P | undefined) => {
    const next: Record<string, P> = { ...value };
    if (p) next[k] = p; else delete next[k];
    onChange(Object.keys(next).length ? next : undefined);
  };
  const patch = (k: string, p: P, key: keyof Prop, v: string | boolean | undefined) => {
    const next = { ...p } as Record<string, unknown>;
    if (v === undefined || v === '') delete next[key]; else next[key] = v;
    set(k, next as P);
  };
  const add = () => { const n = name.trim(); if (n && !value?.[n]) { set(n, fresh(types[0] ?? 'string')); setName(''); } };
  const slug = what.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <fieldset className="properties">
      <legend>{title}</legend>
      {entries.map(([k, p]) => {
        const id = `${slug}-${k}`;
        const remove = <button type="button" onClick={() => set(k, undefined)}>{t('props.remove', { what, name: k })}</button>;
        const expected = parts.get(`${at}.${k}`);
        if (expected) {
          return (
            <fieldset key={k} className="property">
              <legend>{k}</legend><NotEditable what={`${what} ${k}`} path={`${at}.${k}`} expected={expected} />{remove}
            </fieldset>
          );
        }
        return (
          <fieldset key={k} className="property">
            <legend>{k}</legend>
            <div className="field"><label htmlFor={`${id}-type`}>{t('props.type', { what, name: k })}</label>
              <select id={`${id}-type`} value={p[typeKey] ?? ''} onChange={(e) => patch(k, p, typeKey, e.target.value)}>
                {types.map((x) => <option key={x} value={x}>{x}</option>)}
                {p[typeKey] && !types.includes(p[typeKey]) && <option value={p[typeKey]}>{p[typeKey]}</option>}
              </select></div>
            <div className="field"><label htmlFor={`${id}-semantic`}>{t('props.semantic', { what, name: k })}</label>
              <input id={`${id}-semantic`} list="semantic-fields" value={p.semantic ?? ''} onChange={(e) => patch(k, p, 'semantic', e.target.value)} /></div>
            {sources && (
              <div className="field"><label htmlFor={`${id}-source`}>{t('props.source', { what, name: k })}</label>
                <select id={`${id}-source`} value={p.source ?? ''} onChange={(e) => set(k, { ...p, source: e.target.value })}>
                  <option value="">{t('panel.noSource')}</option>
                  {sources.map((s) => <option key={s.path} value={s.path}>{s.label}</option>)}
                  {p.source && !sources.some((s) => s.path === p.source) && <option value={p.source}>{p.source}</option>}
                </select></div>
            )}
            {required && (
              <label className="check"><input type="checkbox" checked={p.required ?? required.absent}
                onChange={(e) => setRequired(k, p, e.target.checked)} />{t('props.required', { what, name: k })}</label>
            )}
            {remove}
          </fieldset>
        );
      })}
      <datalist id="semantic-fields">{SEMANTIC_FIELDS.map((f) => <option key={f} value={f} />)}</datalist>
      <div className="field"><label htmlFor={`${slug}-new`}>{t('props.name', { what })}</label>
        <input id={`${slug}-new`} value={name} onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} /></div>
      <button type="button" onClick={add}>{t('props.add', { what })}</button>
    </fieldset>
  );
}
