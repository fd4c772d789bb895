// The one reader of the keyboard. Ink hands each read of stdin, as one string, to every useInput
// listener subscribed at that moment, and a screen subscribes in an effect after its first frame.
// So keys that arrive before that frame (typing ahead, a paste, tmux send-keys: "/Statement",
// "a" then a choice) went to the screen that was showing, or nowhere. Here one Ink listener
// splits each read into keys and hands them out one at a time; after each key React renders and
// commits at once (flushSync), so the next key reaches whatever the last one opened.
// Components subscribe with useKeyInput (Ink's useInput, plus `text`) in a layout effect.
// The rule that follows: state that decides who hears keys (a mode, "typing", the screen the
// shell is told about) changes in a key handler or a layout effect. An update from a passive
// effect renders later, at default priority, after the rest of the read has been handed out.
import React, {createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode} from 'react';
import {useInput, type Key} from 'ink';
// Ink's own reconciler instance (Ink does not export it): only it can render Ink's tree at once.
import inkReconciler from '../../node_modules/ink/build/reconciler.js';
import {splitKeys} from './keymap.js';

export type KeyHandler = (input: string, key: Key) => void;

export interface KeyInputOptions {
  /** As Ink's: an inactive handler hears nothing. */
  isActive?: boolean;
  /**
   * A text field: while one is listening, a run of typed characters (a paste) is handed out as
   * one input, so a long paste costs one render instead of one per character.
   */
  text?: boolean;
}

interface Listener {
  handler: {current: KeyHandler};
  text: boolean;
}

interface SyncRenderer {
  flushSyncFromReconciler(fn: () => void): void;
}
const renderer = inkReconciler as unknown as SyncRenderer;

const isText = ([input, key]: [string, Key]) =>
  input !== '' && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(input);

class KeyRouter {
  /** In subscription order, as Ink calls its listeners. */
  private readonly listeners: Listener[] = [];
  private readonly queue: Array<[string, Key]> = [];
  private busy = false;

  subscribe(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  receive(input: string, key: Key): void {
    this.queue.push(...splitKeys(input, key));
    if (this.busy) return; // the loop below is already handing out keys
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const [i, k] = this.next();
        // Those listening now hear this key, as with Ink (a handler it unmounts still hears it).
        const targets = [...this.listeners];
        renderer.flushSyncFromReconciler(() => {
          for (const l of targets) l.handler.current(i, k);
        });
      }
    } finally {
      this.queue.length = 0; // a handler threw: the rest of the read is dropped with it
      this.busy = false;
    }
  }

  private next(): [string, Key] {
    const first = this.queue.shift()!;
    if (!isText(first) || !this.listeners.some(l => l.text)) return first;
    let text = first[0];
    while (this.queue[0] && isText(this.queue[0])) text += this.queue.shift()![0];
    return text === first[0] ? first : [text, {...first[1], shift: false}];
  }
}

const RouterContext = createContext<KeyRouter | undefined>(undefined);

/** Reads the keyboard for everything below it (the app's root). */
export function KeyInputRouter({children}: {children: ReactNode}) {
  const [router] = useState(() => new KeyRouter());
  useInput((input, key) => router.receive(input, key));
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

/**
 * Ink's useInput through the router: the handler is subscribed in a layout effect, which the
 * router runs before it hands out the next key.
 */
export function useKeyInput(
  handler: KeyHandler,
  {isActive = true, text = false}: KeyInputOptions = {},
): void {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useKeyInput: no KeyInputRouter above this component');
  const current = useRef(handler);
  useLayoutEffect(() => {
    current.current = handler;
  });
  useLayoutEffect(
    () => (isActive ? router.subscribe({handler: current, text}) : undefined),
    [router, isActive, text],
  );
}
