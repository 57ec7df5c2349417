/** The templates a new workflow can start from. */
import documentSelfiePhoto from './document_selfie_photo.json';
import documentMotionFallback from './document_motion_fallback.json';
import documentAutofillRetry from './document_autofill_retry.json';
import usProfileIdentity from './us_profile_identity.json';
import watchlistRiskScore from './watchlist_risk_score.json';

export interface Template { name: string; title: string; description: string; definition: unknown }

const entry = (name: string, definition: { name: string; description?: string }): Template =>
  ({ name, title: definition.name, description: definition.description ?? '', definition });

export const TEMPLATES: readonly Template[] = [
  entry('document_selfie_photo', documentSelfiePhoto),
  entry('document_motion_fallback', documentMotionFallback),
  entry('document_autofill_retry', documentAutofillRetry),
  entry('us_profile_identity', usProfileIdentity),
  entry('watchlist_risk_score', watchlistRiskScore),
];

export const findTemplate = (name: string): Template | undefined => TEMPLATES.find((t) => t.name === name);
