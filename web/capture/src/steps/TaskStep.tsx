/** One waiting capture task: its retry screen first when it is a retry, then its step; sends what the step collects and completes the task. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../api';
import { humanError } from '../errors';
import type { Flow } from '../flow';
import { DocumentStep } from './Document';
import { FaceStep } from './Face';
import { ProfileStep } from './Profile';
import { ProofOfAddressStep } from './ProofOfAddress';
import { RetryScreen } from './Retry';
import type { StepProps } from './types';
import { VideoStep } from './Video';
import { UploadProgressBar } from '../ui/UploadProgressBar';

export function TaskStep({ flow, task, onCompleted }: { flow: Flow; task: Task; onCompleted(): void }) {
  const { t } = useTranslation();
  const input = task.input ?? {};
  const retry = input.retry?.reasons?.length ? input.retry : undefined;
  const [retrying, setRetrying] = useState(!!retry);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<{ message: string; details: string[] }>();

  if (retrying && retry) return <RetryScreen reasons={retry.reasons} attempt={retry.attempt} maxRetries={retry.max_retries} onRetry={() => setRetrying(false)} />;

  const props: StepProps = {
    config: input.config ?? {},
    submit(work) {
      setSending(true);
      setProblem(undefined);
      work(flow.api, flow.applicantId).then((data) => flow.complete(task, data)).then(onCompleted, (e: unknown) => {
        setSending(false);
        setProblem(humanError(e, t));
      });
    },
  };
  const type = input.task_type;
  return (
    <>
      {problem && <div className="error" role="alert"><p>{problem.message}</p>{problem.details.length > 0 && <ul>{problem.details.map((d) => <li key={d}>{d}</li>)}</ul>}</div>}
      {sending && <p className="status" role="status"><span className="spinner" aria-hidden="true" />{t('waiting.sending')}</p>}
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
