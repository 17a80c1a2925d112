import { execFileSync } from 'node:child_process';

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
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
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
