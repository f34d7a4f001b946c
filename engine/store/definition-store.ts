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
  deployedBy: string | null;
  deployedAt: Date;
}

export interface DeployOptions {
  deployedBy: string | null;
  catalogue?: unknown;
  at: Date;
  /** Store nothing when the latest version has exactly this text and engine form (checked under the item's lock). */
  skipIfUnchanged?: boolean;
  /** Store nothing when the latest version was deployed by someone else (bundled items never overwrite a designer's version). */
  onlyOverDeployedBy?: string;
}

export interface DefinitionStore {
  /** Store a compiled definition as the next version of its item code. */
  deploy(compiled: CompiledDefinition, options: DeployOptions): Promise<{ deployed: boolean; definition: DeployedDefinition }>;
  byId(id: number): Promise<DeployedDefinition | undefined>;
  latest(itemCode: string): Promise<DeployedDefinition | undefined>;
  versions(itemCode: string): Promise<Omit<DeployedDefinition, 'sourceContext' | 'item'>[]>;
  xml(id: number): Promise<string | undefined>;
}
