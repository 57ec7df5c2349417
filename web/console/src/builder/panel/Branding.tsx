/** How the capture page presents the workflow (`settings`): the welcome screen and the integrator's logo and colour; a part it cannot edit (readable.ts) is a note. */
import { useTranslation } from 'react-i18next';
import { brandColours, WHITE } from '../../../../capture/src/ui/contrast';
import type { Draft } from '../model';
import { guarded } from './NotEditable';
import type { Parts } from './readable';

type Settings = NonNullable<Draft['settings']>;

export function Branding({ draft, parts, onChange }: { draft: Draft; parts: Parts; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const settings = draft.settings ?? {};
  // What the capture page will use (web/capture/src/ui/contrast.ts): the text colour on buttons, a darker shade where needed.
  const colours = !parts.has('settings.branding') && settings.branding?.primary_colour ? brandColours(settings.branding.primary_colour) : undefined;
  const put = (next: Settings) => {
    const { settings: _s, ...rest } = draft;
    onChange(Object.keys(next).length ? { ...rest, settings: next } : rest);
  };
  const brand = (key: 'logo_url' | 'primary_colour', value: string) => {
    const { [key]: _old, ...others } = settings.branding ?? {};
    const branding = value ? { ...others, [key]: value } : others;
    const { branding: _b, ...rest } = settings;
    put(Object.keys(branding).length ? { ...rest, branding } : rest);
  };
  return (
    <fieldset>
      <legend>{t('branding.heading')}</legend>
      {guarded(parts, 'settings.welcome', t('branding.welcome'), () => (
        <label className="check"><input type="checkbox" checked={settings.welcome !== false}
          onChange={(e) => { const { welcome: _w, ...rest } = settings; put(e.target.checked ? rest : { ...rest, welcome: false }); }} />{t('branding.welcome')}</label>
      ))}
      {guarded(parts, 'settings.branding', t('branding.heading'), () => (
        <>
          <div className="field"><label htmlFor="brand-logo">{t('branding.logo')}</label>
            <input id="brand-logo" type="url" placeholder="https://" value={settings.branding?.logo_url ?? ''} onChange={(e) => brand('logo_url', e.target.value)} /></div>
          <div className="field"><label htmlFor="brand-colour">{t('branding.colour')}</label>
            <input id="brand-colour" placeholder="#1d4ed8" value={settings.branding?.primary_colour ?? ''} aria-describedby="brand-colour-use"
              onChange={(e) => brand('primary_colour', e.target.value)} />
            <p id="brand-colour-use" className="hint" aria-live="polite">{colours && t('branding.colourUse', {
              text: t(colours.onPrimary === WHITE ? 'branding.white' : 'branding.black'), ratio: colours.onPrimaryContrast.toFixed(1),
            }) + (colours.ui !== colours.primary ? ` ${t('branding.colourDarkened', { colour: colours.ui })}` : '')}</p></div>
        </>
      ))}
    </fieldset>
  );
}
