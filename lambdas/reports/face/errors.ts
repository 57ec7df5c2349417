/** Errors of the face checks; Step Functions matches on the stable `name`. */
import { EvidenceError, TransientError } from '../../shared/errors';

/** The models or the wasm runtime could not load, or inference failed. Retried (a transient error). */
export class FaceEngineError extends TransientError {
  constructor(message: string, options?: { cause?: unknown }) { super('FaceEngineError', message, options); }
}

/** The evidence cannot be read (not an image, undecodable video, wrong config): the report says `consider`. */
export class FaceInputError extends EvidenceError {
  override readonly name = 'FaceInputError';
}
