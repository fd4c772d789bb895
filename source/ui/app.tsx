// The app frame and router: header, body, footer; which screen is showing; the global keys
// (`?` help, `:` switch, Ctrl-C; `q` belongs to the screens: quit on the keys list, back
// elsewhere). Screens own their own keys and state; this file only decides who is on top and
// hands out the gateway, theme and body size through context.
import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box, useApp, useWindowSize} from 'ink';
import {KeyInputRouter, useKeyInput} from './keyInput.js';
import type {Identity, KmsGateway} from '../aws/types.js';
import {
  BodySizeContext,
  GatewayContext,
  OffKeysContext,
  OverlayContext,
  SCREEN_DEPTH,
  type OffKeys,
  ScreenContext,
  ThemeContext,
} from './context.js';
import {actionFor, TYPING_SCREENS, type Screen} from './keymap.js';
import {useKeyState} from './hooks/useKeyState.js';
import type {Theme} from './theme.js';
import type {KeyRow} from './keyRows.js';
import {useKeys} from './hooks/useKeys.js';
import {Header, type IdentityState} from './components/Header.js';
import {Footer} from './components/Footer.js';
import {HelpOverlay, helpLayout} from './components/HelpOverlay.js';
import {viewerActions} from './hooks/useLineScroll.js';
import {SwitchPrompt} from './components/SwitchPrompt.js';
import {ErrorBoundary} from './components/ErrorBoundary.js';
import {TooSmall, isTooSmall} from './components/TooSmall.js';
import {KeyListScreen} from './screens/KeyListScreen.js';
import {KeyDetailScreen} from './screens/keyDetail/KeyDetailScreen.js';

/** Builds a gateway for another region/profile (the cli knows how); absent → `:` explains how to restart. */
export type Reconnect = (region: string, profile: string | undefined) => Promise<KmsGateway>;

export interface AppProps {
  gateway: KmsGateway;
  theme: Theme;
  reconnect?: Reconnect;
  /** Ctrl-C: told before the app exits, so the process ends with 130 like any interrupted program. */
  onInterrupt?: () => void;
}

const HEADER_LINES = 2;
const FOOTER_LINES = 1;

export function App({gateway: initialGateway, theme, reconnect, onInterrupt}: AppProps) {
  const {exit} = useApp();
  return (
    <ErrorBoundary onError={exit}>
      <ThemeContext.Provider value={theme}>
        <KeyInputRouter>
          <Frame
            initialGateway={initialGateway}
            reconnect={reconnect}
            onQuit={() => exit()}
            onInterrupt={() => {
              onInterrupt?.();
              exit();
            }}
          />
        </KeyInputRouter>
      </ThemeContext.Provider>
    </ErrorBoundary>
  );
}

type Route = {kind: 'keys'} | {kind: 'detail'; keyId: string};

function Frame({
  initialGateway,
  reconnect,
  onQuit,
  onInterrupt,
}: {
  initialGateway: KmsGateway;
  reconnect?: Reconnect;
  onQuit: () => void;
  onInterrupt: () => void;
}) {
  const {columns, rows} = useWindowSize();
  const [gateway, setGateway] = useState(initialGateway);
  const [identity, setIdentity] = useState<IdentityState>({kind: 'loading'});
  const [route, setRoute] = useState<Route>({kind: 'keys'});
  const [overlay, setOverlay, latestOverlay] = useKeyState<'help' | 'switch' | undefined>(undefined);
  const [declared, setDeclared] = useState<readonly Screen[]>([]);
  const [off, setOff] = useState<OffKeys>();
  const keys = useKeys(gateway);
  const owned = useRef(new Set<KmsGateway>());

  useEffect(() => {
    let cancelled = false;
    setIdentity({kind: 'loading'});
    gateway.identity().then(
      (id: Identity) => !cancelled && setIdentity({kind: 'ok', identity: id}),
      (error: unknown) =>
        !cancelled &&
        setIdentity({kind: 'error', message: error instanceof Error ? error.message : String(error)}),
    );
    return () => {
      cancelled = true;
      // Gateways made by `:` are ours to close; the first one belongs to the caller.
      if (owned.current.delete(gateway)) gateway.close();
    };
  }, [gateway]);

  const bodyHeight = Math.max(1, rows - HEADER_LINES - FOOTER_LINES);
  const declare = useCallback((screen: Screen) => {
    setDeclared(list => [...list, screen]);
    return () =>
      setDeclared(list => {
        const i = list.lastIndexOf(screen);
        return i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
      });
  }, []);
  const detailRow = route.kind === 'detail' ? keys.rows.find(r => r.keyId === route.keyId) : undefined;
  const fallback: Screen = detailRow ? 'keyDetail' : 'keys';
  const screen = [fallback, ...declared].reduce((top, s) => (SCREEN_DEPTH[s] > SCREEN_DEPTH[top] ? s : top));

  useKeyInput((input, key) => {
    const action = actionFor('global', input, key);
    if (action === 'interrupt') return onInterrupt();
    if (latestOverlay() !== undefined || TYPING_SCREENS.has(screen)) return;
    if (action === 'help') setOverlay('help');
    else if (action === 'switch') setOverlay('switch');
  });

  const [helpTop, setHelpTop] = useState(0);
  useKeyInput(
    (input, key) => {
      if (actionFor('global', input, key) === 'help' || input === 'q' || key.escape) {
        setOverlay(undefined);
        setHelpTop(0);
        return;
      }
      const {maxTop, rows: page} = helpLayout(screen, columns, bodyHeight, gateway.info.readOnly);
      for (const action of viewerActions(input, key)) {
        const delta: Record<string, number> = {up: -1, down: 1, pageUp: -page, pageDown: page};
        setHelpTop(t => {
          const next = action === 'top' ? 0 : action === 'bottom' ? maxTop : t + (delta[action] ?? 0);
          return Math.max(0, Math.min(maxTop, next));
        });
      }
    },
    {isActive: overlay === 'help'},
  );

  const switchTo = useCallback(
    async (region: string, profile: string | undefined) => {
      if (!reconnect) return;
      const next = await reconnect(region, profile);
      owned.current.add(next);
      setGateway(next);
      setRoute({kind: 'keys'});
      setOverlay(undefined);
    },
    [reconnect],
  );

  const bodySize = useMemo(() => ({width: columns, height: bodyHeight}), [columns, bodyHeight]);
  const openRow = useCallback((row: KeyRow) => setRoute({kind: 'detail', keyId: row.keyId}), []);

  return (
    <GatewayContext.Provider value={gateway}>
      <ScreenContext.Provider value={declare}>
        <OffKeysContext.Provider value={setOff}>
          <OverlayContext.Provider value={overlay !== undefined}>
            <BodySizeContext.Provider value={bodySize}>
              {/* 100%, not `columns`: on a resize Ink draws once before this state catches up, and
                a frame wider than the terminal would wrap and scroll the screen (run.tsx). */}
              {isTooSmall(columns, rows) ? <TooSmall columns={columns} rows={rows} /> : null}
              <Box
                display={isTooSmall(columns, rows) ? 'none' : 'flex'}
                flexDirection="column"
                width="100%"
                height={rows}
                overflow="hidden"
              >
                <Header info={gateway.info} identity={identity} width={columns} />
                <Box flexDirection="column" width={columns} height={bodyHeight} overflow="hidden">
                  {overlay === 'help' ? (
                    <HelpOverlay
                      screen={screen}
                      readOnly={gateway.info.readOnly}
                      width={columns}
                      height={bodyHeight}
                      top={helpTop}
                    />
                  ) : null}
                  {overlay === 'switch' ? (
                    // The overlay itself is not covered: its text fields take keys.
                    <OverlayContext.Provider value={false}>
                      <SwitchPrompt
                        info={gateway.info}
                        onSubmit={reconnect ? switchTo : undefined}
                        onCancel={() => setOverlay(undefined)}
                        width={columns}
                      />
                    </OverlayContext.Provider>
                  ) : null}
                  {/* Hidden, not unmounted, while another view shows: the list keeps its cursor and filter. */}
                  <Box display={!detailRow && overlay === undefined ? 'flex' : 'none'}>
                    <KeyListScreen
                      keys={keys}
                      onOpen={openRow}
                      onQuit={onQuit}
                      isActive={!detailRow && overlay === undefined}
                      onSwitchRegion={
                        reconnect ? region => void switchTo(region, gateway.info.profile) : undefined
                      }
                      width={columns}
                      height={bodyHeight}
                    />
                  </Box>
                  {detailRow ? (
                    <Box display={overlay === undefined ? 'flex' : 'none'} flexDirection="column">
                      <KeyDetailScreen
                        key={detailRow.keyId}
                        summary={detailRow.summary}
                        details={detailRow.details}
                        onBack={() => setRoute({kind: 'keys'})}
                        onChanged={details => keys.refreshKey(detailRow.keyId, details)}
                        width={columns}
                        height={bodyHeight}
                      />
                    </Box>
                  ) : null}
                </Box>
                <Footer screen={screen} readOnly={gateway.info.readOnly} off={off} width={columns} />
              </Box>
            </BodySizeContext.Provider>
          </OverlayContext.Provider>
        </OffKeysContext.Provider>
      </ScreenContext.Provider>
    </GatewayContext.Provider>
  );
}
