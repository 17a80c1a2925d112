import type { ApiError } from '../api/api-error.js';

/**
 * The refusal of a call, next to the control that made it: the problem's detail (and each field's
 * message), announced to screen readers. Give the control `aria-describedby={id}`.
 */
export function ProblemMessage({ error, id }: { readonly error: ApiError | undefined; readonly id: string }) {
  if (!error) return <span id={id} hidden />;
  const fields = error.problem.errors ?? [];
  return (
    <div id={id} role="alert" class="problem" data-code={error.problem.code}>
      <strong>{error.problem.title}</strong>
      {error.problem.detail ? <span>: {error.problem.detail}</span> : null}
      {fields.length > 0 ? (
        <ul>
          {fields.map((field) => (
            <li key={field.pointer}>
              <code>{field.pointer}</code> {field.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
