/** The page around every screen: the header (integrator logo, the workflow name as title, the "Language" switcher) and the main region. */
import { useEffect, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowSettings } from '../api';
import { LANGUAGES, NATIVE, setLanguage, type Language } from '../i18n';
import { brandColours } from './contrast';

interface Props { title: string; settings: WorkflowSettings | null | undefined; onLanguage?(): void; children: ReactNode }

export function Page({ title, settings, onLanguage, children }: Props) {
  const { t, i18n } = useTranslation();
  useEffect(() => { document.title = title; }, [title]);
  const brand = settings?.branding?.primary_colour ? brandColours(settings.branding.primary_colour) : undefined;
  const style = brand ? { '--primary': brand.primary, '--on-primary': brand.onPrimary, '--primary-ui': brand.ui } as CSSProperties : undefined;
  return (
    <div className="page" style={style}>
      <header>
        {settings?.branding?.logo_url && <img className="logo" src={settings.branding.logo_url} alt="" />}
        <h1>{title}</h1>
        <label className="language">
          <span>{t('app.language')}</span>
          <select value={i18n.language} onChange={(e) => { onLanguage?.(); void setLanguage(e.target.value as Language); }}>
            {LANGUAGES.filter((l) => l !== 'ar_XB' || i18n.language === 'ar_XB').map((l) => <option key={l} value={l}>{NATIVE[l]}</option>)}
          </select>
        </label>
      </header>
      <main id="content">{children}</main>
    </div>
  );
}
