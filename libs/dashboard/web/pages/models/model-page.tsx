import { registryRoutes, type AliasMove, type ModelVersion } from '@mlops/contracts';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { callRoute } from '../../api/call-route.js';
import { NotFoundPage } from '../../app/not-found-page.js';
import { can } from '../../app/session.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import type { PageProps } from '../page.js';
import { AliasForm, type AliasDraft } from './alias-form.js';
import { AliasHistory } from './alias-history.js';
import { formatDate } from './format.js';
import { VersionTable } from './version-table.js';

interface ModelData {
  readonly versions: readonly ModelVersion[];
  readonly aliases: readonly AliasMove[];
}

async function loadModel(name: string, signal: AbortSignal): Promise<ModelData> {
  const [versions, aliases] = await Promise.all([
    callRoute(registryRoutes.versions.list, { params: { name }, query: { limit: 200 }, signal }),
    callRoute(registryRoutes.aliases.list, { params: { name }, signal }),
  ]);
  return {
    versions: [...versions.items].sort((a, b) => b.version - a.version),
    aliases: aliases.items.filter((alias) => alias.version !== null),
  };
}

/**
 * `/models/:name`: the model's versions with their aliases; each alias with its history (who, when,
 * why) and a roll-back to its previous version; promotion with a required reason (for keys holding
 * `promote`); two versions picked → their comparison.
 */
export function ModelPage({ params }: PageProps) {
  const name = params.name ?? '';
  const [round, setRound] = useState(0);
  const model = useResource((signal) => loadModel(name, signal), [name, round]);
  const [picked, setPicked] = useState<readonly number[]>([]);
  const [draft, setDraft] = useState<AliasDraft>({ alias: 'production', version: undefined, reason: '' });
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const onPick = useCallback((version: number, on: boolean) => {
    setPicked((current) =>
      on ? [...current.filter((v) => v !== version), version].slice(-2) : current.filter((v) => v !== version),
    );
  }, []);
  const onMoved = useCallback((message: string) => {
    setNotice(message);
    setRound((value) => value + 1);
  }, []);
  const [base, candidate] = useMemo(() => [...picked].sort((a, b) => a - b), [picked]);
  return (
    <section aria-labelledby="page-title">
      <p class="muted">
        <Link href="/models">Models</Link> /
      </p>
      <PageTitle text={name} />
      <ResourceView resource={model} what={`The model “${name}”`} id="model-error">
        {(data) =>
          data.versions.length === 0 ? (
            <NotFoundPage what={`The model “${name}”`} />
          ) : (
            <>
              <h2>Aliases</h2>
              {data.aliases.length === 0 ? <p>No alias points at a version of this model yet.</p> : null}
              {data.aliases.map((alias) => (
                <div key={alias.alias} class="alias">
                  <h3>
                    <span class={`chip ${alias.alias}`}>{alias.alias}</span> → v{alias.version}{' '}
                    <span class="muted">
                      since {formatDate(alias.movedAt)} by {alias.movedBy}
                    </span>
                  </h3>
                  {can('promote') && alias.previousVersion !== null ? (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() =>
                        setDraft({
                          alias: alias.alias,
                          version: alias.previousVersion ?? undefined,
                          reason: `Roll back ${alias.alias} from v${alias.version} to v${alias.previousVersion}: `,
                        })
                      }
                    >
                      Roll back to v{alias.previousVersion}
                    </button>
                  ) : null}
                  <AliasHistory name={name} alias={alias.alias} round={round} />
                </div>
              ))}
              {notice ? (
                <p role="status" class="notice">
                  {notice}
                </p>
              ) : null}
              {can('promote') ? (
                <AliasForm
                  name={name}
                  versions={data.versions.map((version) => version.version)}
                  aliases={data.aliases.map((alias) => alias.alias)}
                  draft={draft}
                  onMoved={onMoved}
                />
              ) : (
                <p class="muted">Your key does not hold the promote scope: aliases can be seen, not moved.</p>
              )}
              <h2>Versions</h2>
              <p class="help">Pick two versions to compare them.</p>
              <VersionTable
                versions={data.versions}
                aliasesOf={(version) =>
                  data.aliases.filter((alias) => alias.version === version).map((alias) => alias.alias)
                }
                picked={picked}
                onPick={onPick}
              />
              {base !== undefined && candidate !== undefined ? (
                <Link class="button" href={`/models/${encodeURIComponent(name)}/compare/${base}/${candidate}`}>
                  Compare v{base} with v{candidate}
                </Link>
              ) : (
                <p class="muted">{picked.length === 1 ? 'Pick one more version.' : ''}</p>
              )}
            </>
          )
        }
      </ResourceView>
    </section>
  );
}
