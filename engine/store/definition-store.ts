/** Deployed, immutable definition versions. */
import type { CompiledDefinition } from '../definitions/compile-definition.ts';
import type { ItemModel } from '../definitions/item-model.ts';

export interface DeployedDefinition {
  id: number;
  itemCode: string;
  version: number;
  name: string;
  item: ItemModel;
  sourceContext: unknown;
  catalogue: unknown;
  deployedAt: Date;
}

export interface DefinitionStore {
  /** Store a compiled definition as the next version of its item code. */
  deploy(compiled: CompiledDefinition, meta: { deployedBy: string | null; catalogue?: unknown; at: Date }): Promise<DeployedDefinition>;
  byId(id: number): Promise<DeployedDefinition | undefined>;
  latest(itemCode: string): Promise<DeployedDefinition | undefined>;
  versions(itemCode: string): Promise<Omit<DeployedDefinition, 'sourceContext' | 'item'>[]>;
  xml(id: number): Promise<string | undefined>;
}
