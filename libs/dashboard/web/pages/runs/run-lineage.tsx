import type { RunData } from './run-data.js';
import { Link } from '../../ui/link.js';

/** Where the run's model came from: the dataset version and its documents, the code and the environment. */
export function RunLineage({ data }: { readonly data: RunData }) {
  const { job, run, version, manifest, datasetVersion } = data;
  const { name, version: number } = job.request.dataset;
  const split = manifest?.data?.split;
  const environment = run?.environment;
  return (
    <dl class="facts" aria-label="Lineage">
      <dt>Dataset version</dt>
      <dd>
        <Link href={`/datasets/${encodeURIComponent(name)}/versions/${number}`}>
          {name} v{number}
        </Link>
        {version?.lineage ? (
          <>
            {' '}
            <span class="muted">
              content <code>{version.lineage.datasetContentHash.slice(0, 12)}</code>
            </span>
          </>
        ) : null}
      </dd>
      <dt>Documents</dt>
      <dd>
        {datasetVersion ? `${datasetVersion.recordCount} in the version` : '–'}
        {split ? ` · split ${split.train} train / ${split.validation} validation / ${split.test} test` : ''}
      </dd>
      <dt>Seed</dt>
      <dd>{job.request.seed}</dd>
      <dt>Code</dt>
      <dd>{run ? <code>{run.codeVersion}</code> : '–'}</dd>
      <dt>Environment</dt>
      <dd>
        {environment
          ? `Node ${environment.nodeVersion}, ${environment.platform}/${environment.arch}, ${environment.cpuCount} × ${environment.cpuModel}, backend ${environment.backend}`
          : '–'}
      </dd>
      <dt>Requested by</dt>
      <dd>{job.request.requestedBy ?? '–'}</dd>
    </dl>
  );
}
