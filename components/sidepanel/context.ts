/** The panel's store, provided by SidePanelApp (tests give their own). */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useSidePanel, type SidePanelState, type SidePanelStore } from './store';

export const SidePanelStoreContext = createContext<SidePanelStore>(useSidePanel);

export function usePanelStore(): SidePanelStore {
  return useContext(SidePanelStoreContext);
}

export function usePanel<T>(selector: (s: SidePanelState) => T): T {
  return useStore(usePanelStore(), selector);
}
