/**
 * MFA_SETUP: the authenticator key to add to an app, as a QR code of its `otpauth://` URI (an SVG
 * drawn from the qrcode package's matrix: no data: URL, nothing the CSP must allow), as the URI and
 * as the key in text for typing in.
 */
import { create } from 'qrcode';
import { useTranslation } from 'react-i18next';
import { otpauthUri } from './cognito';

function QrCode({ text, label }: { text: string; label: string }) {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cells: string[] = [];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (modules.get(y, x)) cells.push(`M${x + 4} ${y + 4}h1v1h-1z`);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${n + 8} ${n + 8}`} width="200" height="200" shapeRendering="crispEdges">
      <rect width={n + 8} height={n + 8} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}

export function MfaSetup({ secret, email }: { secret: string; email: string }) {
  const { t } = useTranslation();
  const uri = otpauthUri(secret, email);
  return (
    <div className="mfa-setup">
      <p>{t('signIn.mfaSetup.intro')}</p>
      <QrCode text={uri} label={t('signIn.mfaSetup.qr')} />
      <p>{t('signIn.mfaSetup.key')} <code>{secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
      <p>{t('signIn.mfaSetup.uri')} <code>{uri}</code></p>
    </div>
  );
}
