// The editor features beyond diagnostics. Each file registers its handlers and returns the
// capabilities it serves; add a feature by adding it to this list.

import type { Feature } from './feature';
import { codeActionsFeature } from './codeActions';
import { codeLensFeature } from './codeLens';
import { completionFeature } from './completion';
import { definitionFeature } from './definition';
import { documentLinksFeature } from './documentLinks';
import { hoverFeature } from './hover';
import { referencesFeature } from './references';
import { renameFeature } from './rename';
import { symbolsFeature } from './symbols';

export const FEATURES: readonly Feature[] = [
  definitionFeature,
  referencesFeature,
  renameFeature,
  documentLinksFeature,
  symbolsFeature,
  codeLensFeature,
  hoverFeature,
  completionFeature,
  codeActionsFeature,
];
