import { ErrorCode, RoomError } from '../model/errors.js';

/**
 * getUserMedia's DOMExceptions to the kit's device codes, each with a message a user can act on. The codes are
 * the seed's (−1003, −1104…−1107) so a Tencent backend reports the same failures the same way.
 */
export function microphoneError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  const name = error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new RoomError(
        ErrorCode.MIC_NOT_AUTHORIZED,
        'Microphone access was denied. Allow the microphone for this site in the browser settings, then try again.',
      );
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new RoomError(ErrorCode.MIC_NOT_FOUND, 'No microphone was found. Connect one and try again.');
    case 'NotReadableError':
    case 'TrackStartError':
      return new RoomError(
        ErrorCode.MIC_BUSY,
        'The microphone is in use by another application or could not be started.',
      );
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new RoomError(
        ErrorCode.MIC_OPEN_FAILED,
        'The chosen microphone is not available any more. Pick another one.',
      );
    case 'AbortError':
      return new RoomError(ErrorCode.MIC_OPEN_FAILED, 'Opening the microphone was interrupted. Try again.');
    default:
      return new RoomError(
        ErrorCode.MIC_OPEN_FAILED,
        `The microphone could not be opened${error instanceof Error && error.message ? `: ${error.message}` : ''}`,
      );
  }
}

/** Pages served over plain http (other than localhost) get no microphone at all. */
export function insecureContextError(): RoomError {
  return new RoomError(ErrorCode.NO_AV_PERMISSION, 'The microphone needs a secure page (https or localhost).');
}
