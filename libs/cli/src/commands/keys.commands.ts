import { InvalidArgumentError, type Command } from '@commander-js/extra-typings';
import { keyOwnerSchema, keyPrefixSchema, scopeSchema, SCOPES, type Scope } from '@mlops/contracts';
import { contextOf } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { slugFlag } from './flag-parsers.js';

function scopesFlag(value: string): Scope[] {
  const scopes = value.split(',').map((scope) => scope.trim());
  for (const scope of scopes) {
    if (!scopeSchema.safeParse(scope).success)
      throw new InvalidArgumentError(`"${scope}" is not one of ${SCOPES.join(', ')}`);
  }
  return scopes as Scope[];
}

/** `mlops keys create | list | revoke` (an admin key is needed). */
export function registerKeyCommands(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('API keys (needs a key with scope admin)');

  keys
    .command('create')
    .description('Create a key; its secret is printed once')
    .requiredOption('--owner <owner>', 'who holds it', slugFlag('--owner', keyOwnerSchema))
    .requiredOption('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`, scopesFlag)
    .option('--expires <iso-date>', 'expiry (ISO 8601, in the future)')
    .option('--description <text>', 'what it is for')
    .action(async (options, command) => {
      const context = contextOf(command, io);
      const created = await context.clients.keys.create({
        body: {
          owner: options.owner,
          scopes: options.scopes,
          ...(options.expires === undefined ? {} : { expiresAt: options.expires }),
          ...(options.description === undefined ? {} : { description: options.description }),
        },
      });
      context.out.result(created, () => {
        context.out.line(created.key);
        context.out.note(
          `key ${created.prefix} for ${created.owner} (${created.scopes.join(', ')}): the secret is shown only now`,
        );
      });
    });

  keys
    .command('list')
    .description('List keys (never their secret)')
    .option('--owner <owner>', 'only this owner', slugFlag('--owner', keyOwnerSchema))
    .option('--all', 'include revoked keys')
    .action(async (options, command) => {
      const context = contextOf(command, io);
      const { items } = await context.clients.keys.list({
        query: {
          ...(options.owner === undefined ? {} : { owner: options.owner }),
          ...(options.all ? { includeRevoked: 'true' as const } : {}),
        },
      });
      context.out.result(items, () =>
        context.out.line(
          context.out.table(
            ['prefix', 'owner', 'scopes', 'created', 'expires', 'revoked', 'last used'],
            items.map((k) => [
              k.prefix,
              k.owner,
              k.scopes.join(','),
              k.createdAt,
              k.expiresAt ?? '-',
              k.revokedAt ?? '-',
              k.lastUsedAt ?? '-',
            ]),
          ),
        ),
      );
    });

  keys
    .command('revoke')
    .description('Revoke a key by its prefix (every service refuses it within seconds)')
    .argument('<prefix>', 'the key prefix', slugFlag('prefix', keyPrefixSchema))
    .action(async (prefix, _options, command) => {
      const context = contextOf(command, io);
      const key = await context.clients.keys.revoke({ params: { prefix } });
      context.out.result(key, () => context.out.line(`key ${key.prefix} revoked at ${key.revokedAt ?? '-'}`));
    });
}
