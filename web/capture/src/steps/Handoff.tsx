/**
 * Cross-device: on a device without a coarse pointer (a desktop) the page offers "Continue on
 * your phone" (a QR code of the link and "Copy link") and "Continue here" (not when a document
 * capture has `force_cross_device`). While the phone captures, the desktop keeps following the
 * run (App polls it) and finishes with it; its progress is a live region that stays while the phone
 * captures (App keeps this component through the run's tasks and waits), so each step is spoken.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from '../ui/Heading';
import { LiveStatus } from '../ui/LiveStatus';

/** Whether this device should be offered the phone: no coarse pointer (mouse or trackpad only). */
export const finePointerOnly = () => typeof matchMedia === 'function' && !matchMedia('(pointer: coarse)').matches;

interface Props {
  /** The link the phone opens (the run's link with its token). */
  url: string;
  /** "Continue here" is offered (not when the task forces cross-device). */
  allowHere: boolean;
  /** The end user chose the phone: show the QR code and follow. */
  chosen: boolean;
  /** Capture tasks the phone has completed so far. */
  done: number;
  onPhone(): void;
  onHere(): void;
}

export function Handoff({ url, allowHere, chosen, done, onPhone, onHere }: Props) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string>();
  const [copied, setCopied] = useState<boolean>();
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then((data) => { if (live) setQr(data); }, () => undefined);
    return () => { live = false; };
  }, [url]);

  const here = allowHere && <button type="button" className="secondary" onClick={onHere}>{t('handoff.here')}</button>;
  if (!chosen) {
    return (
      <section className="handoff">
        <Heading>{t('handoff.heading')}</Heading>
        <p>{t('handoff.body')}</p>
        {!allowHere && <p>{t('handoff.forced')}</p>}
        <div className="actions">
          <button type="button" onClick={onPhone}>{t('handoff.phone')}</button>
          {here}
        </div>
      </section>
    );
  }
  async function copy() {
    try { await navigator.clipboard.writeText(url); setCopied(true); } catch { setCopied(false); }
  }
  return (
    <section className="handoff">
      <Heading>{t('handoff.phone')}</Heading>
      <p>{t('handoff.scan')}</p>
      {qr ? <img className="qr" src={qr} width={240} height={240} alt={t('handoff.qr')} /> : <p className="status">{t('app.loading')}</p>}
      <div className="field">
        <label htmlFor="handoff-link">{t('handoff.link')}</label>
        <input id="handoff-link" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <button type="button" className="secondary" onClick={() => void copy()}>{t('handoff.copy')}</button>
      <p role="status" className="hint">{copied === true ? t('handoff.copied') : copied === false ? t('handoff.copyFailed') : ''}</p>
      <LiveStatus spinner text={done ? t('handoff.progress', { count: done }) : t('handoff.waiting')} />
      {here}
    </section>
  );
}
