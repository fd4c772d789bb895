// After a key action the open key shows the key as it is now, not as it was when it opened:
// cancelling a deletion turns PendingDeletion into Disabled in the header and the Details tab.
import React from 'react';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {createTheme} from '../../source/ui/theme.js';
import {withSandbox, type SandboxFixture} from '../helpers/sandbox.js';
import {KEY, press, type, waitForFrame} from './ink-helpers.js';

let fixture: SandboxFixture;
before(async () => {
  fixture = await withSandbox();
});
after(async () => {
  await fixture.cleanup();
});

test('cancel deletion in the Details tab: the header and the tab then show the key Disabled', async () => {
  const r = render(<App gateway={fixture.gateway} theme={createTheme(false)} />);
  await waitForFrame(r, 'pending-deletion');
  await press(r, '/');
  await type(r, 'pending-deletion');
  await press(r, KEY.enter);
  await press(r, KEY.enter);
  await waitForFrame(r, f => f.includes('PendingDeletion ·') && /lines 1–/.test(f));
  await press(r, '6');
  await waitForFrame(r, 'Press c to cancel the deletion');
  await press(r, 'c');
  await waitForFrame(r, 'Press y to go ahead');
  await press(r, 'y');
  await waitForFrame(r, 'Deletion cancelled');
  const frame = await waitForFrame(r, f => f.includes('Disabled ·') && /State\s+Disabled/.test(f));
  assert.doesNotMatch(frame, /PendingDeletion|Press c to cancel the deletion/);
  r.unmount();
});
