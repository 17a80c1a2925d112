import { describe, expect, it } from 'vitest';
import { recognitionProblem } from './document-problems.js';

function shape(error: Error): { code: unknown; statusCode: unknown; fieldErrors: unknown } {
  const { code, statusCode, fieldErrors } = error as Error & {
    code: unknown;
    statusCode: unknown;
    fieldErrors?: unknown;
  };
  return { code, statusCode, fieldErrors };
}

describe('recognitionProblem', () => {
  it('keeps the meaning of a refusal and points at /body/file', () => {
    const refused = (status: number, code: string) =>
      shape(recognitionProblem({ kind: 'refused', status, code, detail: 'why' }, 'a.pdf'));
    expect(refused(413, 'RECOGNITION_FILE_TOO_LARGE')).toEqual({
      code: 'INFERENCE_DOCUMENT_TOO_LARGE',
      statusCode: 413,
      fieldErrors: [{ pointer: '/body/file', message: 'RECOGNITION_FILE_TOO_LARGE: why' }],
    });
    expect(refused(415, 'RECOGNITION_UNSUPPORTED_TYPE')).toMatchObject({ statusCode: 415 });
    expect(refused(422, 'RECOGNITION_ENCRYPTED')).toMatchObject({
      code: 'INFERENCE_DOCUMENT_UNREADABLE',
      statusCode: 422,
    });
    expect(refused(400, 'RECOGNITION_BAD_UPLOAD')).toMatchObject({ statusCode: 422 });
  });

  it('answers 502 when document-recognition is unavailable and 504 when it is too slow, naming no field', () => {
    expect(shape(recognitionProblem({ kind: 'unavailable', detail: 'down' }, null))).toEqual({
      code: 'INFERENCE_RECOGNITION_UNAVAILABLE',
      statusCode: 502,
      fieldErrors: undefined,
    });
    expect(shape(recognitionProblem({ kind: 'timeout', detail: 'slow' }, null))).toEqual({
      code: 'INFERENCE_RECOGNITION_TIMEOUT',
      statusCode: 504,
      fieldErrors: undefined,
    });
  });
});
