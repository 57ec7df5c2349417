/** The names tasks go by in the builder (en_US): one per type, and per outcome for results. */
import type { Task, TaskType } from '../model';

type Outcome = 'approve' | 'review' | 'decline';

export const TASK_DISPLAY_NAMES: Record<Exclude<TaskType, 'result'>, string> = {
  document_capture: 'Document Capture',
  face_capture_photo: 'Face Capture: Photo',
  face_capture_video: 'Face Capture: Video',
  face_capture_motion: 'Face Capture: Motion',
  profile_data_capture: 'Profile Data Capture',
  proof_of_address_capture: 'Proof of Address Capture',
  autofill: 'Autofill',
  document_report: 'Document Report',
  facial_similarity_report: 'Facial Similarity Report',
  known_faces_report: 'Known Faces Report',
  watchlist_report: 'Watchlist Report',
  identity_report: 'Identity Report',
  driving_licence_verification: 'Driving Licence Verification',
  india_tax_id_report: 'India Tax ID Report',
  proof_of_address_report: 'Proof of Address Report',
  device_intelligence_report: 'Device Intelligence Report',
  logic: 'Logic',
  retry: 'Retry',
  send_receive: 'Send/Receive Data',
  parallel: 'Parallel',
};

export const RESULT_DISPLAY_NAMES: Record<Outcome, string> = {
  approve: 'Approve applicant', review: 'Review applicant', decline: 'Decline applicant',
};

/** What a task is called when it has no name of its own. */
export function displayName(task: Pick<Task, 'type'> & { outcome?: unknown }): string {
  if (task.type === 'result') return RESULT_DISPLAY_NAMES[task.outcome as Outcome] ?? 'Result';
  return TASK_DISPLAY_NAMES[task.type];
}
