// Services a <pulso-dashboard> shares with the widgets inside it (DESIGN.md §3.5).
// An element's own property always wins over what the context provides.
import { createContext } from '@lit/context';
import type { Adapter } from '../../src/adapters/types.js';

/** The adapter of the enclosing dashboard (or any provider element). */
export const pulsoAdapterContext = createContext<Adapter | undefined>(Symbol('pulso-adapter'));
