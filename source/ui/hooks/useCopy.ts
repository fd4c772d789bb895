// `y`: puts text on the clipboard through the terminal (OSC 52, see clipboard.ts) and returns the
// sentence for the status line. Written straight to the terminal: the sequence moves no cursor
// and draws nothing, so Ink's frame is untouched.
import {useCallback} from 'react';
import {useStdout} from 'ink';
import {copiedMessage, osc52} from '../clipboard.js';

export function useCopy(): (text: string, what: string) => string {
  const {stdout} = useStdout();
  return useCallback(
    (text: string, what: string) => {
      stdout.write(osc52(text));
      return copiedMessage(what);
    },
    [stdout],
  );
}
