/**
 * The API's exceptions. Each class carries AWS's exception name as `name` (that string is the
 * wire `__type` the SDK maps back to its own exception class) and a message that names the
 * value received and how to fix it.
 */
import { SfnApiError } from '../contract';

export { SfnApiError };

type ApiErrorClass = new (message: string) => SfnApiError;

function apiError(awsName: string): ApiErrorClass {
  const cls = class extends SfnApiError {
    constructor(message: string) {
      super(awsName, message);
    }
  };
  Object.defineProperty(cls, 'name', { value: `${awsName}Error` });
  return cls;
}

export const ValidationError = apiError('ValidationException');
export const InvalidArnError = apiError('InvalidArn');
export const InvalidNameError = apiError('InvalidName');
export const InvalidDefinitionError = apiError('InvalidDefinition');
export const InvalidLoggingConfigurationError = apiError('InvalidLoggingConfiguration');
export const InvalidTracingConfigurationError = apiError('InvalidTracingConfiguration');
export const InvalidExecutionInputError = apiError('InvalidExecutionInput');
export const InvalidOutputError = apiError('InvalidOutput');
export const InvalidTokenError = apiError('InvalidToken');
export const StateMachineDoesNotExistError = apiError('StateMachineDoesNotExist');
export const StateMachineAlreadyExistsError = apiError('StateMachineAlreadyExists');
export const StateMachineDeletingError = apiError('StateMachineDeleting');
export const StateMachineTypeNotSupportedError = apiError('StateMachineTypeNotSupported');
export const ExecutionDoesNotExistError = apiError('ExecutionDoesNotExist');
export const ExecutionAlreadyExistsError = apiError('ExecutionAlreadyExists');
export const ResourceNotFoundError = apiError('ResourceNotFound');
export const ConflictError = apiError('ConflictException');
export const TaskDoesNotExistError = apiError('TaskDoesNotExist');
export const TaskTimedOutError = apiError('TaskTimedOut');
export const TooManyTagsError = apiError('TooManyTags');

/** Errors that are the server's fault: reported as HTTP 500 without their details. */
export class InternalError extends SfnApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('InternalFailure', message, 500);
    if (options && 'cause' in options) Object.defineProperty(this, 'cause', { value: options.cause });
  }
}

export function isApiError(err: unknown): err is SfnApiError {
  return err instanceof SfnApiError || (err instanceof Error && typeof (err as { httpStatus?: unknown }).httpStatus === 'number');
}
