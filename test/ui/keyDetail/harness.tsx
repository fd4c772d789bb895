// Renders the key detail screen against a real gateway (sandbox over HTTP), the way the app shell
// does: gateway through context, a fixed body size. Frames are checked against that size.
import React from 'react';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {KeyDetails, KmsGateway} from '../../../source/aws/types.js';
import {GatewayContext, SCREEN_DEPTH, ScreenContext, type DeclareScreen} from '../../../source/ui/context.js';
import type {Screen} from '../../../source/ui/keymap.js';
import {KeyDetailScreen} from '../../../source/ui/screens/keyDetail/KeyDetailScreen.js';
import {KeyInputRouter} from '../../../source/ui/keyInput.js';
import {waitForFrame, type Rendered} from '../ink-helpers.js';

export const WIDTH = 100;
export const HEIGHT = 28;

export const plain = (frame: string | undefined): string => (frame ?? '').replace(/\u001b\[[0-9;]*m/g, '');

/** Waits for a frame whose plain text contains `text`. */
export async function waitForText(r: Rendered, text: string | RegExp, timeoutMs = 8000): Promise<string> {
  const frame = await waitForFrame(
    r,
    f => (typeof text === 'string' ? plain(f).includes(text) : text.test(plain(f))),
    timeoutMs,
  );
  return plain(frame);
}

export interface OpenedKey {
  r: Rendered;
  details: KeyDetails;
  events: {back: number; changed: number};
  /** The screen the app shell would show the footer and help of (the deepest declared). */
  topScreen: () => Screen;
}

export interface Size {
  width: number;
  height: number;
}

export async function openKey(
  gateway: KmsGateway,
  ref: string,
  size: Size = {width: WIDTH, height: HEIGHT},
  /** What shows once the key is open: the policy's text, unless the test expects it not to load. */
  ready: string = '"Statement"',
): Promise<OpenedKey> {
  const details = await gateway.describeKey(ref);
  const events = {back: 0, changed: 0};
  // The app shell's bookkeeping of declared screens, as in app.tsx.
  const declared: Screen[] = [];
  const declare: DeclareScreen = screen => {
    declared.push(screen);
    return () => void declared.splice(declared.lastIndexOf(screen), 1);
  };
  const topScreen = () =>
    declared.reduce<Screen>((top, s) => (SCREEN_DEPTH[s] > SCREEN_DEPTH[top] ? s : top), 'keyDetail');
  const r = render(
    <KeyInputRouter>
      <ScreenContext.Provider value={declare}>
        <GatewayContext.Provider value={gateway}>
          <KeyDetailScreen
            summary={{keyId: details.keyId, arn: details.arn, aliases: details.aliases}}
            details={details}
            onBack={() => events.back++}
            onChanged={() => events.changed++}
            width={size.width}
            height={size.height}
          />
        </GatewayContext.Provider>
      </ScreenContext.Provider>
    </KeyInputRouter>,
  );
  await waitForText(r, ready);
  return {r, details, events, topScreen};
}

/** The frame never grows past the space the shell gave the screen. */
export function assertFits(frame: string, size: Size = {width: WIDTH, height: HEIGHT}): void {
  const lines = plain(frame).split('\n');
  assert.ok(lines.length <= size.height, `${lines.length} lines > ${size.height}`);
  for (const line of lines)
    assert.ok([...line].length <= size.width, `line wider than ${size.width}: ${line}`);
}
