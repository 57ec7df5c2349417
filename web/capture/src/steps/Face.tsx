/**
 * Selfie: the front camera inside a face oval; on-device face detection guides the end user
 * until one face is centred and close enough ("Take photo" works all the while: the detector may
 * miss a face), and checks the photo (taken or uploaded) for one face before the review; then it
 * is sent as a live photo. With `show_intro` an intro comes first (Intro.tsx).
 */
import { useTranslation } from 'react-i18next';
import type { StepProps } from './types';
import { inspectFace, useFaceGate } from '../quality/face';
import { Camera } from '../ui/Camera';
import { Intro, useIntro } from './Intro';

export function FaceStep({ submit, config }: StepProps) {
  const { t } = useTranslation();
  const [intro, pass] = useIntro(config);
  if (intro) return <Intro kind="selfie" onContinue={pass} />;
  return <Camera heading={t('selfie.heading')} hint={t('selfie.hint')} facing="user" inspect={inspectFace} inspectUploads useGate={useFaceGate}
    onPhoto={(photo) => submit(async (api, applicantId) => {
      const media = await api.upload('live_photos', applicantId, new File([photo], 'selfie.jpg', { type: photo.type }));
      return [{ id: media.id }];
    })} />;
}
