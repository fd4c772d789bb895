// Hands the terminal to $VISUAL / $EDITOR (fallback vi) for a policy, then takes it back.
// The policy is written to a private temporary file (directory 0700, file 0600: a policy names
// the account's principals) that is removed afterwards, whatever the editor did.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {useCallback} from 'react';
import {useApp} from 'ink';

export type EditResult = {ok: true; text: string} | {ok: false; message: string};

export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
}

/** Runs the editor on `text` synchronously (the terminal is the editor's meanwhile). */
export function runEditor(text: string, fileName: string, env: NodeJS.ProcessEnv = process.env): EditResult {
  const dir = mkdtempSync(join(tmpdir(), 'keypol-edit-'));
  const file = join(dir, fileName.replace(/[^\w.-]+/g, '_'));
  try {
    writeFileSync(file, text, {mode: 0o600});
    const command = editorCommand(env);
    // Through sh, like git does, so EDITOR may carry arguments ("code --wait"); the file name is
    // passed as "$1", never spliced into the command line.
    const run = spawnSync('/bin/sh', ['-c', `${command} "$1"`, 'keypol-editor', file], {
      stdio: 'inherit',
      env,
    });
    // sh answers 127 when the command is not found (126: found but not executable).
    const missing = (run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' || run.status === 127;
    if (missing || run.status === 126) {
      return {
        ok: false,
        message: `The editor "${command}" was ${missing ? 'not found' : 'not executable'}: set $EDITOR (or $VISUAL) to an editor on your PATH, e.g. EDITOR=nano. Nothing was changed.`,
      };
    }
    if (run.error)
      return {ok: false, message: `Could not start the editor "${command}": ${run.error.message}.`};
    if (run.status !== 0) {
      return {
        ok: false,
        message: `The editor "${command}" exited with status ${run.status ?? run.signal}; nothing was changed.`,
      };
    }
    return {ok: true, text: readFileSync(file, 'utf8')};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** `edit(text)`: suspends Ink around the editor so it gets a normal terminal, then repaints. */
export function useEditor(): (text: string, fileName: string) => Promise<EditResult> {
  const {suspendTerminal} = useApp();
  return useCallback(
    async (text: string, fileName: string) => {
      let result: EditResult = {ok: false, message: 'The editor did not run.'};
      await suspendTerminal(() => {
        result = runEditor(text, fileName);
      });
      return result;
    },
    [suspendTerminal],
  );
}
