/** Item names and materials by item code, from the public catalogue (七公开), loaded once per tab. */
import { get } from '../shared/api.ts';

export interface ItemInfo {
  itemCode: string;
  name: string;
  materials: { code: string; name: string; essential: boolean }[];
}

let loading: Promise<Map<string, ItemInfo>> | undefined;

export function loadItems(): Promise<Map<string, ItemInfo>> {
  loading ??= get<{ items: ItemInfo[] }>('/api/catalogue')
    .then((r) => new Map(r.items.map((i) => [i.itemCode, i])))
    .catch((error) => { loading = undefined; throw error; });
  return loading;
}
