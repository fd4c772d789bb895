// Copying to the operator's clipboard with OSC 52: the terminal itself sets the clipboard, so it
// works over SSH and from a bastion, with nothing installed. Not every terminal allows it, and
// keypol cannot ask whether it did, so the status line says so. Inside tmux the sequence is
// passed through; tmux forwards it only with `set -g set-clipboard on` (its default, "external",
// lets applications in it set only tmux's own buffer).

/** The sequence that asks the terminal to put `text` on the clipboard. */
export function osc52(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const sequence = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  // In tmux, wrap it so that tmux passes it on (allow-passthrough) and also set tmux's buffer.
  return env.TMUX
    ? `\u001bPtmux;${sequence.replaceAll('\u001b', '\u001b\u001b')}\u001b\\${sequence}`
    : sequence;
}

/** The status sentence after a copy of `what`. */
export function copiedMessage(what: string, env: NodeJS.ProcessEnv = process.env): string {
  const tmux = env.TMUX ? ' In tmux it needs `set -g set-clipboard on`.' : '';
  return `Copied ${what} to the clipboard (OSC 52; if nothing arrives, this terminal does not allow it).${tmux}`;
}
