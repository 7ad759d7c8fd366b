// The editor features beyond diagnostics. Each file registers its handlers and returns the
// capabilities it serves; add a feature by adding it to this list.

import type { Feature } from '../server';

export const FEATURES: readonly Feature[] = [];
