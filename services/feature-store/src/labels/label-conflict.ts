import type { LabelConflict } from '@mlops/contracts';
import { defineError } from '@mlops/http';
import type { RevisedLabel } from './label.repository.js';

const labelConflict = defineError('LABEL_CONFLICT', 409, 'The label was changed by someone else');

/** The 409 problem of a stale label write or removal, with the label as it is now (labelConflictSchema). */
export function conflictProblem(
  target: {
    readonly id: string;
    readonly task: string;
    readonly expected: number;
    readonly pointer: string;
    readonly request: { readonly id: string; readonly url: string };
  },
  current: RevisedLabel | null,
): LabelConflict {
  const now = current
    ? `is now "${current.label}" (revision ${current.revision}), set by ${current.by} at ${current.at.toISOString()}`
    : 'has no label';
  const { pointer } = target;
  const error = labelConflict(
    `the label of task ${target.task} on document ${target.id} ${now}; this write expected revision ${target.expected}`,
    [{ pointer, message: `the label is at revision ${current?.revision ?? 0}` }],
  );
  return {
    type: 'https://mlops.local/problems/label-conflict',
    title: error.title,
    status: error.statusCode,
    detail: error.message,
    instance: target.request.url,
    code: error.code,
    requestId: target.request.id,
    errors: [...(error.fieldErrors ?? [])],
    current: current
      ? { label: current.label, by: current.by, at: current.at.toISOString(), revision: current.revision }
      : null,
  };
}
