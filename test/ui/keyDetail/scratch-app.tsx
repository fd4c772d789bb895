import './env.js';
import React from 'react';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {withSandbox} from '../../helpers/sandbox.js';
import {KEY, press} from '../ink-helpers.js';
import {App} from '../../../source/ui/app.js';
import {createTheme} from '../../../source/ui/theme.js';
import {plain, waitForText} from './harness.js';
const show = (label: string, f: string | undefined) =>
  console.log(`----- ${label} (${plain(f).split('\n').length} lines)\n${plain(f)}\n-----`);
test('app', async () => {
  const fx = await withSandbox();
  const r = render(<App gateway={fx.gateway} theme={createTheme(false)} />);
  await waitForText(r, 'alias/console-v2');
  for (const k of ['/', ...'console-v2', '\r', '\r']) await press(r, k);
  await waitForText(r, '"Statement"');
  show('detail', r.lastFrame());
  for (const k of (process.env.LOOK_KEYS ?? 'a,?,ESC,DOWN,DOWN,\r').split(',')) {
    await press(r, k === 'ESC' ? KEY.escape : k === 'DOWN' ? KEY.down : k);
    await new Promise(res => setTimeout(res, 60));
    show(JSON.stringify(k), r.lastFrame());
  }
  r.unmount();
  await fx.cleanup();
});
