/** Send/Receive: the properties sent (format, semantic type, source) and the receive schema (format, required, semantic type). */
import { useTranslation } from 'react-i18next';
import { FORMATS, type Format, type TaskOf } from '../../../../../compiler';
import type { Draft } from '../model';
import { pathsAt } from '../paths';
import { Properties } from './Properties';

type SendReceive = TaskOf<'send_receive'>;

export function SendReceiveEditor({ draft, task, onChange }: { draft: Draft; task: SendReceive; onChange: (t: SendReceive) => void }) {
  const { t } = useTranslation();
  const put = <K extends 'send' | 'receive'>(key: K, v: SendReceive[K] | undefined) => {
    const { [key]: _old, ...rest } = task;
    onChange((v ? { ...rest, [key]: v } : rest) as SendReceive);
  };
  return (
    <>
      <Properties what={t('props.send')} title={t('props.sendHeading')} value={task.send} onChange={(v) => put('send', v as SendReceive['send'])} typeKey="format" types={FORMATS}
        sources={pathsAt(draft, task.id)} fresh={(f) => ({ format: f as Format, source: '' })} />
      <Properties what={t('props.receive')} title={t('props.receiveHeading')} value={task.receive} onChange={(v) => put('receive', v as SendReceive['receive'])} typeKey="format" types={FORMATS}
        required fresh={(f) => ({ format: f as Format })} />
    </>
  );
}
