import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { aptInstall } from './peers.js';

/** Where benchmark peers written in Python live: a virtual environment outside the repository. */
export function benchVenvDir(): string {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(cache, 'mlops-bench', 'venv');
}

/**
 * Makes sure the benchmark venv exists and holds exactly the pinned `name==version` requirements,
 * installing only what is missing or at another version (idempotent, from PyPI). Returns the venv's
 * python. The base interpreter is `BENCH_PYTHON` or `python3`; Debian's needs `python3-venv`, which
 * is installed through apt when `venv`/`ensurepip` cannot be imported.
 */
export function ensurePythonVenv(requirements: readonly string[]): string {
  const dir = benchVenvDir();
  const python = join(dir, 'bin', 'python');
  if (!existsSync(python)) {
    const base = process.env.BENCH_PYTHON ?? 'python3';
    try {
      execFileSync(base, ['-c', 'import venv, ensurepip'], { stdio: 'ignore' });
    } catch {
      aptInstall(['python3-venv']);
    }
    process.stderr.write(`bench: creating ${dir}\n`);
    execFileSync(base, ['-m', 'venv', dir], { stdio: 'inherit' });
  }
  const wanted = requirements.map((requirement) => {
    const [name = '', version = ''] = requirement.split('==');
    if (!name || !version) throw new Error(`pin every Python requirement as name==version: ${requirement}`);
    return { requirement, name, version };
  });
  const installed = JSON.parse(
    execFileSync(
      python,
      [
        '-c',
        [
          'import json, sys, importlib.metadata as m',
          'def v(n):',
          '    try: return m.version(n)',
          '    except m.PackageNotFoundError: return None',
          'print(json.dumps({n: v(n) for n in sys.argv[1:]}))',
        ].join('\n'),
        ...wanted.map((w) => w.name),
      ],
      { encoding: 'utf8' },
    ),
  ) as Record<string, string | null>;
  const missing = wanted.filter((w) => installed[w.name] !== w.version).map((w) => w.requirement);
  if (missing.length > 0) {
    process.stderr.write(`bench: pip install ${missing.join(' ')} into ${dir}\n`);
    execFileSync(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', ...missing], {
      stdio: 'inherit',
    });
  }
  return python;
}
