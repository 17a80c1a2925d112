import { registryRoutes } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import { formatDate } from './format.js';

/** Every move of one alias, newest first: from which version to which, who moved it, when and why. */
export function AliasHistory({
  name,
  alias,
  round,
}: {
  readonly name: string;
  readonly alias: string;
  readonly round: number;
}) {
  const history = useResource(
    (signal) => callRoute(registryRoutes.aliases.history, { params: { name, alias }, query: { limit: 50 }, signal }),
    [name, alias, round],
  );
  return (
    <ResourceView resource={history} what={`the history of ${alias}`} id={`history-${alias}-error`}>
      {(page) => (
        <table aria-label={`History of the alias ${alias}`}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Move</th>
              <th scope="col">Who</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {[...page.items]
              .sort((a, b) => b.sequence - a.sequence)
              .map((move) => (
                <tr key={move.sequence}>
                  <td>{formatDate(move.movedAt)}</td>
                  <td>
                    {move.previousVersion === null ? 'set' : `v${move.previousVersion}`} →{' '}
                    {move.version === null ? 'removed' : `v${move.version}`}
                  </td>
                  <td>{move.movedBy}</td>
                  <td>{move.reason}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </ResourceView>
  );
}
