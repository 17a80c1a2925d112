import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Installs Debian packages the benchmark compares against, when their command is missing (needs root or sudo). */
export function ensureDebianPeers(peers: Readonly<Record<string, string>>): void {
  const missing = Object.entries(peers).filter(([command]) => {
    try {
      execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  aptInstall([...new Set(missing.map(([, pkg]) => pkg))]);
}

/** `apt-get update` then `apt-get install` of the packages, through sudo unless root. */
export function aptInstall(packages: readonly string[]): void {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  process.stderr.write(`bench: installing ${packages.join(', ')}\n`);
  execFileSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'update', '-qq'], {
    stdio: 'inherit',
  });
  execFileSync(
    sudo[0] ?? 'apt-get',
    [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-qq', ...packages],
    { stdio: 'inherit' },
  );
}

/** The installed version of a Debian package (from dpkg's status file), or null. */
export function debianVersion(pkg: string): string | null {
  let status: string;
  try {
    status = readFileSync('/var/lib/dpkg/status', 'utf8');
  } catch {
    return null;
  }
  const stanza = status.split('\n\n').find((block) => block.startsWith(`Package: ${pkg}\n`));
  if (!stanza || !/^Status: .* installed$/m.test(stanza)) return null;
  return /^Version: (.+)$/m.exec(stanza)?.[1] ?? null;
}
