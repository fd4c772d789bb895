// What the figures were measured on: they mean little without the machine and its load.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {availableParallelism, loadavg, totalmem} from 'node:os';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function cpuModel(): string {
  return /^model name\s*:\s*(.+)$/m.exec(read('/proc/cpuinfo'))?.[1]?.trim() ?? 'unknown CPU';
}

function nproc(): string {
  try {
    return execFileSync('nproc', {encoding: 'utf8'}).trim();
  } catch {
    return String(availableParallelism());
  }
}

function osName(): string {
  return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(read('/etc/os-release'))?.[1] ?? process.platform;
}

export const loadAverage = (): string =>
  loadavg()
    .map(n => n.toFixed(2))
    .join(' ');

export function describeMachine(): string[] {
  return [
    `CPU: ${cpuModel()}, nproc ${nproc()}`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS: ${osName()}, Linux ${read('/proc/sys/kernel/osrelease').trim() || 'unknown'}`,
    `node: ${process.version}`,
  ];
}
