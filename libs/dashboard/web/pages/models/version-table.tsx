import type { ModelVersion } from '@mlops/contracts';
import { Link } from '../../ui/link.js';
import { formatDate, formatShare, metricOf } from './format.js';

/**
 * A model's versions, newest first: macro-F1, who registered it and when, the aliases pointing at
 * it, and a checkbox per version to pick the two to compare.
 */
export function VersionTable({
  versions,
  aliasesOf,
  picked,
  onPick,
}: {
  readonly versions: readonly ModelVersion[];
  readonly aliasesOf: (version: number) => readonly string[];
  readonly picked: readonly number[];
  readonly onPick: (version: number, on: boolean) => void;
}) {
  return (
    <table aria-label="Versions">
      <thead>
        <tr>
          <th scope="col">Compare</th>
          <th scope="col">Version</th>
          <th scope="col" class="num">
            Macro-F1 (test)
          </th>
          <th scope="col">Aliases</th>
          <th scope="col">Registered</th>
          <th scope="col">Dataset</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.version}>
            <td>
              <input
                type="checkbox"
                id={`pick-${version.version}`}
                aria-label={`Compare version ${version.version}`}
                checked={picked.includes(version.version)}
                onChange={(event) => onPick(version.version, event.currentTarget.checked)}
              />
            </td>
            <th scope="row">
              v{version.version}
              {version.runId ? (
                <>
                  {' '}
                  <Link href={`/runs/${encodeURIComponent(version.runId)}`} class="muted">
                    run
                  </Link>
                </>
              ) : null}
            </th>
            <td class="num">{formatShare(metricOf(version, 'macroF1'))}</td>
            <td>
              {aliasesOf(version.version).map((alias) => (
                <span key={alias} class={`chip ${alias}`}>
                  {alias}
                </span>
              ))}
            </td>
            <td>
              {formatDate(version.createdAt)} <span class="muted">by {version.createdBy}</span>
            </td>
            <td>{version.lineage ? `${version.lineage.datasetName} v${version.lineage.datasetVersion}` : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
