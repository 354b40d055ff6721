/** Which strategy applies each kind of file: configuration, not an if-chain. */
import type { FileKind } from '../../core/catalog/types';
import { affiliationPair } from './affiliation-pair';
import { byKey } from './by-key';
import { byLegacyId } from './by-legacy-id';
import { byLegacyRow } from './by-legacy-row';
import { byRowContent } from './by-row-content';
import { bySourcePosition } from './by-source-position';
import type { WriteStrategy } from './strategy';

export const STRATEGIES: Readonly<Record<FileKind, WriteStrategy | undefined>> = {
  'change-list': byKey,
  'deletion-list': byKey,
  entity: byKey,
  child: bySourcePosition,
  'append-only': byRowContent,
  'legacy-id-map': byLegacyId,
  'legacy-export': byLegacyRow,
  affiliation: affiliationPair,
  deprecated: undefined,
};
