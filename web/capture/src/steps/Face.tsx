/**
 * Selfie: the front camera inside a face oval; on-device face detection guides the end user
 * until one face is centred and close enough ("Take photo" works all the while: the detector may
 * miss a face), and checks the photo (taken or uploaded) for one face before the review; then it
 * is sent as a live photo.
 */
import { useTranslation } from 'react-i18next';
import type { StepProps } from './types';
import { inspectFace, useFaceGate } from '../quality/face';
import { Camera } from '../ui/Camera';

export function FaceStep({ submit }: StepProps) {
  const { t } = useTranslation();
  return <Camera heading={t('selfie.heading')} hint={t('selfie.hint')} facing="user" inspect={inspectFace} inspectUploads useGate={useFaceGate}
    onPhoto={(photo) => submit(async (api, applicantId) => {
      const media = await api.upload('live_photos', applicantId, new File([photo], 'selfie.jpg', { type: photo.type }));
      return [{ id: media.id }];
    })} />;
}
