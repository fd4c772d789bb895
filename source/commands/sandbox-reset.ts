// `--sandbox --reset` and `keypol sandbox --reset`: the demo account as it was at first. The
// sandbox's folder holds only the sandbox (its state file, and keypol's backups and audit log of
// sandbox keys), so all of it goes; the next start seeds the demo again.
import {rmSync} from 'node:fs';

export function resetSandboxDir(dir: string): void {
  rmSync(dir, {recursive: true, force: true});
}
