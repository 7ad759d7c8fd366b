export type { Finding, Span } from '../server/src/core/model/types';
export type { InventoryEntry as InventoryEntryLike } from '../server/src/core/model/inventory';
