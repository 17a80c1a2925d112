import { registryRoutes } from '@mlops/contracts';
import { useEffect, useState } from 'preact/hooks';
import { callRoute } from '../../api/call-route.js';
import { ProblemMessage } from '../../ui/problem-message.js';
import { useAction } from '../../ui/use-resource.js';

/** What the form starts with: a promotion, or a roll-back the alias table asked for. */
export interface AliasDraft {
  readonly alias: string;
  readonly version: number | undefined;
  readonly reason: string;
}

/**
 * Points an alias at a version (promote, or roll back to an earlier one) with a required reason,
 * audited with the signed-in key's owner. A refusal shows its problem detail under the button;
 * nothing changes then.
 */
export function AliasForm({
  name,
  versions,
  aliases,
  draft,
  onMoved,
}: {
  readonly name: string;
  readonly versions: readonly number[];
  readonly aliases: readonly string[];
  readonly draft: AliasDraft;
  readonly onMoved: (message: string) => void;
}) {
  const [alias, setAlias] = useState(draft.alias);
  const [version, setVersion] = useState<number | undefined>(draft.version);
  const [reason, setReason] = useState(draft.reason);
  const action = useAction();
  useEffect(() => {
    setAlias(draft.alias);
    setVersion(draft.version);
    setReason(draft.reason);
  }, [draft]);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (version === undefined) return;
    const moved = await action.run(() =>
      callRoute(registryRoutes.aliases.put, { params: { name, alias }, body: { version, reason } }),
    );
    if (moved) {
      setReason('');
      onMoved(`${alias} now points at v${version}.`);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="alias-form-title" class="alias-form">
      <h2 id="alias-form-title">Promote or roll back</h2>
      <div class="form-row">
        <div>
          <label for="alias-name">Alias</label>
          <input
            id="alias-name"
            list="alias-names"
            required
            pattern="[a-z][a-z0-9\-]*"
            value={alias}
            onInput={(event) => setAlias(event.currentTarget.value.trim())}
          />
          <datalist id="alias-names">
            {[...new Set(['production', 'staging', ...aliases])].map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
        </div>
        <div>
          <label for="alias-version">Version</label>
          <select
            id="alias-version"
            required
            value={version === undefined ? '' : String(version)}
            onChange={(event) => setVersion(Number(event.currentTarget.value) || undefined)}
          >
            <option value="">Choose…</option>
            {versions.map((candidate) => (
              <option key={candidate} value={String(candidate)}>
                v{candidate}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="form-row">
        <div class="grow">
          <label for="alias-reason">Reason (recorded in the audit)</label>
          <textarea
            id="alias-reason"
            required
            rows={2}
            maxLength={1000}
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
            aria-describedby="alias-error"
          />
        </div>
      </div>
      <button type="submit" disabled={action.pending || version === undefined} aria-describedby="alias-error">
        {action.pending ? 'Moving…' : `Point ${alias || 'alias'} at ${version === undefined ? '…' : `v${version}`}`}
      </button>
      <ProblemMessage error={action.error} id="alias-error" />
    </form>
  );
}
