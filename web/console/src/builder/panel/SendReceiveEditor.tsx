/** Send/Receive: the properties sent (format, semantic type, source) and the receive schema (format, required, semantic type); a map or a property it cannot edit is a note. */
import { useTranslation } from 'react-i18next';
import { FORMATS, type Format, type TaskOf } from '../../../../../compiler';
import type { Draft } from '../model';
import { pathsAt } from '../paths';
import { guarded } from './NotEditable';
import { Properties } from './Properties';
import type { Parts } from './readable';

type SendReceive = TaskOf<'send_receive'>;

export function SendReceiveEditor({ draft, task, parts, onChange }: { draft: Draft; task: SendReceive; parts: Parts; onChange: (t: SendReceive) => void }) {
  const { t } = useTranslation();
  const put = <K extends 'send' | 'receive'>(key: K, v: SendReceive[K] | undefined) => {
    const { [key]: _old, ...rest } = task;
    onChange((v ? { ...rest, [key]: v } : rest) as SendReceive);
  };
  return (
    <>
      {guarded(parts, 'send', t('props.sendHeading'), () => (
        <Properties what={t('props.send')} title={t('props.sendHeading')} value={task.send} onChange={(v) => put('send', v as SendReceive['send'])} typeKey="format" types={FORMATS}
          sources={pathsAt(draft, task.id)} fresh={(f) => ({ format: f as Format, source: '' })} parts={parts} at="send" />
      ))}
      {guarded(parts, 'receive', t('props.receiveHeading'), () => (
        <Properties what={t('props.receive')} title={t('props.receiveHeading')} value={task.receive} onChange={(v) => put('receive', v as SendReceive['receive'])} typeKey="format" types={FORMATS}
          required={{ absent: false }} fresh={(f) => ({ format: f as Format })} parts={parts} at="receive" />
      ))}
    </>
  );
}
