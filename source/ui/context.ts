// React contexts that carry the app's dependencies and layout down the tree: the gateway (the
// only way the UI reaches KMS; tests hand in one pointed at the sandbox), the colour theme, the
// size of the body between header and footer, and which screen is on top (for footer and help).
import {createContext, useContext, useEffect, useLayoutEffect} from 'react';
import type {KmsGateway} from '../aws/types.js';
import type {Screen} from './keymap.js';
import {createTheme, type Theme} from './theme.js';

export const GatewayContext = createContext<KmsGateway | undefined>(undefined);

export function useGateway(): KmsGateway {
  const gateway = useContext(GatewayContext);
  if (!gateway) throw new Error('useGateway: no GatewayContext.Provider above this component');
  return gateway;
}

export const ThemeContext = createContext<Theme>(createTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** Cells available to a screen between the header and the footer. */
export interface BodySize {
  width: number;
  height: number;
}

export const BodySizeContext = createContext<BodySize>({width: 80, height: 20});

export function useBodySize(): BodySize {
  return useContext(BodySizeContext);
}

/**
 * True while the app shows the help or the region/profile prompt over the current screen:
 * screens pass `isActive: !useOverlayOpen()` to useKeyInput so keys go to the overlay only.
 */
export const OverlayContext = createContext(false);

export function useOverlayOpen(): boolean {
  return useContext(OverlayContext);
}

export type DeclareScreen = (screen: Screen) => () => void;

export const ScreenContext = createContext<DeclareScreen>(() => () => {});

/**
 * Declares that `screen` is showing (while `active`), so the footer, the `?` help and the global
 * keys follow it (in a layout effect: see keyInput.tsx). With several declared, the most specific wins (see SCREEN_DEPTH), which is
 * why a wizard inside the detail screen takes over the footer from it.
 */
export function useScreen(screen: Screen, active = true): void {
  const declare = useContext(ScreenContext);
  useLayoutEffect(() => (active ? declare(screen) : undefined), [declare, screen, active]);
}

/** Keys of the screen on top that would only be refused here, and why in a few words. */
export interface OffKeys {
  actions: readonly string[];
  reason: string;
}

export const OffKeysContext = createContext<(off: OffKeys | undefined) => void>(() => {});

/**
 * Tells the footer which of the screen's keys cannot work on this key (an AWS managed key
 * cannot be edited, a current policy has nothing to upgrade): it leaves them out and says why,
 * so keypol never offers what it will refuse. The keys still answer with the full reason.
 */
export function useOffKeys(off: OffKeys | undefined): void {
  const set = useContext(OffKeysContext);
  const actions = off?.actions.join(' ');
  const reason = off?.reason;
  useEffect(() => {
    set(actions ? {actions: actions.split(' '), reason: reason ?? ''} : undefined);
    return () => set(undefined);
  }, [set, actions, reason]);
}

/** Deeper screens sit on top of shallower ones. */
export const SCREEN_DEPTH: Readonly<Record<Screen, number>> = {
  global: 0,
  keys: 1,
  filter: 2,
  keyDetail: 3,
  history: 4,
  search: 4,
  flow: 5,
  grants: 4,
  details: 4,
  access: 4,
  grant: 5,
  grantFilter: 5,
  wizard: 5,
  confirm: 6,
  prompt: 7,
};
