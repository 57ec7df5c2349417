/**
 * One waiting capture task: its retry screen first when it is a retry, then its step; sends what the step collects and completes the task.
 * A send that failed on the network, a timeout or the server offers "Try again", which sends the same capture again (the step keeps it
 * too); once the uploads succeeded only the completion is sent again: a repeated completion the server already took answers 409, which
 * flow.ts counts as done, so a task is never completed twice.
 * Focus never falls to the page's <body> (the step being sent is hidden, its focused button with it): while sending, the
 * "Sending…" status holds it; a failure's alert takes it ("Try again", or the alert itself when there is nothing to try again).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../api';
import { humanError, transient } from '../errors';
import type { Flow } from '../flow';
import { DocumentStep } from './Document';
import { FaceStep } from './Face';
import { ProfileStep } from './Profile';
import { ProofOfAddressStep } from './ProofOfAddress';
import { RetryScreen } from './Retry';
import type { StepProps } from './types';
import { VideoStep } from './Video';
import { UploadProgressBar } from '../ui/UploadProgressBar';

type Work = Parameters<StepProps['submit']>[0];

export function TaskStep({ flow, task, onCompleted }: { flow: Flow; task: Task; onCompleted(): void }) {
  const { t } = useTranslation();
  const input = task.input ?? {};
  const retry = input.retry?.reasons?.length ? input.retry : undefined;
  const [retrying, setRetrying] = useState(!!retry);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<{ message: string; details: string[]; again: boolean }>();
  const pending = useRef<{ work: Work; data?: { value: unknown } }>(undefined);
  const status = useRef<HTMLParagraphElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const again = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (sending) status.current?.focus();
    else if (problem) (again.current ?? alert.current)?.focus();
  }, [sending, problem]);

  if (retrying && retry) return <RetryScreen reasons={retry.reasons} attempt={retry.attempt} maxRetries={retry.max_retries} onRetry={() => setRetrying(false)} />;

  function send() {
    const p = pending.current;
    if (!p) return;
    setSending(true);
    setProblem(undefined);
    const data = p.data ? Promise.resolve(p.data.value) : p.work(flow.api, flow.applicantId).then((value) => { p.data = { value }; return value; });
    data.then((d) => flow.complete(task, d)).then(onCompleted, (e: unknown) => {
      setSending(false);
      setProblem({ ...humanError(e, t), again: transient(e) });
    });
  }
  const props: StepProps = { config: input.config ?? {}, submit(work) { pending.current = { work }; send(); } };
  const type = input.task_type;
  return (
    <>
      {problem && <div ref={alert} tabIndex={-1} className="error" role="alert"><p>{problem.message}</p>{problem.details.length > 0 && <ul>{problem.details.map((d) => <li key={d}>{d}</li>)}</ul>}
        {problem.again && <button ref={again} type="button" onClick={send}>{t('errors.tryAgain')}</button>}</div>}
      {sending && <p ref={status} tabIndex={-1} className="status" role="status"><span className="spinner" aria-hidden="true" />{t('waiting.sending')}</p>}
      {sending && <UploadProgressBar progress={flow.api.progress} />}
      <div hidden={sending}>
        {type === 'document_capture' && <DocumentStep {...props} />}
        {type === 'face_capture_photo' && <FaceStep {...props} />}
        {(type === 'face_capture_video' || type === 'face_capture_motion') && <VideoStep {...props} motion={type === 'face_capture_motion'} />}
        {type === 'profile_data_capture' && <ProfileStep {...props} />}
        {type === 'proof_of_address_capture' && <ProofOfAddressStep {...props} />}
      </div>
    </>
  );
}
