/** One base class for the face checks; Step Functions matches on the stable `name`. */
export class FaceReportError extends Error {
  override readonly name: string = 'FaceReportError';
}

/** The models or the wasm runtime could not load, or inference failed. Retryable. */
export class FaceEngineError extends FaceReportError {
  override readonly name = 'FaceEngineError';
}

/** The evidence cannot be read (not an image, undecodable video, wrong config). Not retryable. */
export class FaceInputError extends FaceReportError {
  override readonly name = 'FaceInputError';
}
