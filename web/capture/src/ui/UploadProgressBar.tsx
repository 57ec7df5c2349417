/** The progress of the file being sent (upload.ts), as a bar with its percentage; nothing when no upload runs. */
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadProgress } from '../upload';

export function UploadProgressBar({ progress }: { progress: UploadProgress }) {
  const { t } = useTranslation();
  const p = useSyncExternalStore(progress.subscribe, progress.snapshot);
  if (!p || p.total <= 0) return null;
  const percent = Math.min(100, Math.round((p.loaded / p.total) * 100));
  return (
    <div className="progress" role="progressbar" aria-label={t('waiting.sending')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
      aria-valuetext={`${percent}%`}>
      <div className="progress-bar" style={{ width: `${percent}%` }} />
    </div>
  );
}
