// Starts the TUI and gives the terminal back intact however it ends: `q`, Ctrl-C, SIGTERM or
// SIGHUP (a dropped SSH session), or an error. The alternate screen keeps the operator's
// scrollback clean and leaves no half-drawn frame behind; Ink restores the screen and the cursor
// on unmount, and the resolved promise carries the exit code.
//
// Resizing: Ink 8 redraws a width change by erasing its previous frame relative to the cursor,
// but a terminal may already have reflowed or cut those lines, so old lines stayed and the
// header scrolled off (QA #2). On every real size change the whole alternate screen is wiped
// first and Ink is told its frame is gone; it then draws the next frame from the top.
import React from 'react';
import {render} from 'ink';
import type {KmsGateway} from '../aws/types.js';
import {sanitizeText} from '../policy/index.js';
import {App, type Reconnect} from './app.js';
import {colorDisabled, createTheme} from './theme.js';

export interface TuiOptions {
  gateway: KmsGateway;
  noColor: boolean;
  /** Lets `:` switch region/profile by building a new gateway; without it `:` explains how to restart. */
  reconnect?: Reconnect;
}

const NOT_A_TERMINAL =
  'keypol: the interactive view needs a terminal (stdin and stdout must be a TTY).\n' +
  'For scripts and pipes use the subcommands, e.g. `keypol list --json` or `keypol show KEY`; see `keypol --help`.\n';

export async function runTui(options: TuiOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(NOT_A_TERMINAL);
    return 2;
  }
  const theme = createTheme(colorDisabled(process.env, options.noColor));
  let code = 0;
  const interrupted = () => {
    code = INTERRUPTED;
  };
  const app = (
    <App gateway={options.gateway} theme={theme} reconnect={options.reconnect} onInterrupt={interrupted} />
  );
  const instance = render(app, {
    alternateScreen: true,
    // We checked for a TTY above; being told "interactive" keeps a stray CI variable in an
    // operator's shell from silencing the UI (Ink treats any CI as non-interactive).
    interactive: true,
    // The app handles Ctrl-C (the keymap's 'interrupt') so that it can exit with 130.
    exitOnCtrlC: false,
    // Ink throttles every render to maxFps, keystrokes included: at 30 a key that lands just after a
    // background redraw waited up to 33 ms (10k keys, filter keystroke: median 40 → 24 ms at 120).
    // Background loading is coalesced in useKeys (4 redraws a second), so this is a cap, not a pace.
    maxFps: 120,
    incrementalRendering: true,
  });
  const stop = () => instance.unmount();
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, stop);
  const wipeOnResize = wiper(process.stdout, () => instance.clear());
  // Before Ink's own listener, so Ink's redraw lands on the wiped screen.
  process.stdout.prependListener('resize', wipeOnResize);
  try {
    await instance.waitUntilExit();
    return code;
  } catch (error) {
    // Ink has already left the alternate screen: this sentence lands on the normal screen.
    const message = sanitizeText(error instanceof Error ? error.message : String(error));
    process.stderr.write(`keypol: the interactive view stopped on an unexpected error: ${message}\n`);
    return 1;
  } finally {
    for (const signal of signals) process.off(signal, stop);
    process.stdout.off('resize', wipeOnResize);
  }
}

/** The shell's code for a program ended by Ctrl-C (128 + SIGINT). */
export const INTERRUPTED = 130;

/** Cursor home, erase the whole screen (the alternate screen has no scrollback to lose). */
export const WIPE = '\u001b[H\u001b[2J';

/**
 * A resize listener that wipes the screen when the size really changed (a SIGWINCH without a
 * change, as on a tmux attach, must not blank a frame that Ink will not redraw) and then tells
 * Ink to forget its frame (`forget`), so the next frame is drawn whole, not diffed.
 */
export function wiper(stdout: NodeJS.WriteStream, forget: () => void): () => void {
  let last = `${stdout.columns}x${stdout.rows}`;
  return () => {
    const size = `${stdout.columns}x${stdout.rows}`;
    if (size === last) return;
    last = size;
    stdout.write(WIPE);
    forget();
  };
}
