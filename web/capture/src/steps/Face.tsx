/** Selfie: the front camera inside a face oval (or an uploaded photo), reviewed, then sent as a live photo. */
import { useTranslation } from 'react-i18next';
import type { StepProps } from './types';
import { Camera } from '../ui/Camera';

export function FaceStep({ submit }: StepProps) {
  const { t } = useTranslation();
  return <Camera heading={t('selfie.heading')} hint={t('selfie.hint')} facing="user" onPhoto={(photo) => submit(async (api, applicantId) => {
    const media = await api.upload('live_photos', applicantId, new File([photo], 'selfie.jpg', { type: photo.type }));
    return [{ id: media.id }];
  })} />;
}
