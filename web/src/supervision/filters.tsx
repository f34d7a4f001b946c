/**
 * The dashboard's filters, shared by every screen of the area: the month (the server's current
 * month to begin with — limits run on the server's clock), and a region (the supervisor's own
 * or one below it) and department from what `/api/supervision/org` says may be chosen.
 */
import { Select, Space, TreeSelect, Typography } from 'antd';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get } from '../shared/api.ts';
import { useT } from '../shared/i18n.tsx';
import { messages } from './messages.ts';
import { shanghaiMonth, type Filters } from './query.ts';
import type { SupervisedOrg } from './types.ts';

interface FilterState {
  filters: Filters;
  setFilters(next: Filters): void;
  org: SupervisedOrg | undefined;
  /** The server's month when the area opened: the last month one may pick. */
  currentMonth: string;
  /** An item's name from the public catalogue (its code while unknown). */
  itemName(code: string): string;
  /** A region's name (its code when outside the caller's view). */
  regionName(code: string): string;
}

const FilterContext = createContext<FilterState | undefined>(undefined);

export function useFilters(): FilterState {
  const state = useContext(FilterContext);
  if (!state) throw new Error('useFilters outside FiltersProvider');
  return state;
}

/** Waits for the server's clock before rendering the screens, so no screen asks twice. */
export function FiltersProvider({ children }: { children: ReactNode }) {
  const [filters, setFilters] = useState<Filters | undefined>();
  const [currentMonth, setCurrentMonth] = useState('');
  const [org, setOrg] = useState<SupervisedOrg>();
  const [items, setItems] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    get<{ items: { itemCode: string; name: string }[] }>('/api/catalogue')
      .then((c) => setItems(new Map(c.items.map((i) => [i.itemCode, i.name]))), () => undefined);
    const start = (org: SupervisedOrg) => {
      const month = shanghaiMonth(org.at);
      setOrg(org);
      setCurrentMonth(month);
      setFilters({ month, regionCode: null, departmentId: null });
    };
    get<SupervisedOrg>('/api/supervision/org').then(start, () => start({ at: new Date().toISOString(), rootCode: null, regions: [], departments: [] }));
  }, []);
  const value = useMemo(() => (filters
    ? {
      filters, setFilters, org, currentMonth,
      itemName: (code: string) => items.get(code) ?? code,
      regionName: (code: string) => org?.regions.find((r) => r.code === code)?.name ?? code,
    }
    : undefined), [filters, org, currentMonth, items]);
  if (!value) return null;
  return <FilterContext.Provider value={value}>{children}</FilterContext.Provider>;
}

/** The last `count` months up to `month`, newest first. */
export function monthsUpTo(month: string, count = 24): string[] {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, mon - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

interface TreeNode { value: string; title: string; children: TreeNode[] }

/** The regions as a tree under the ones whose parent is not in the list. */
export function regionTree(regions: SupervisedOrg['regions']): TreeNode[] {
  const nodes = new Map(regions.map((r) => [r.code, { value: r.code, title: r.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const r of regions) {
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
    (parent ? parent.children : roots).push(nodes.get(r.code)!);
  }
  return roots;
}

/** Codes of `code` and every region below it. */
export function subtreeOf(regions: SupervisedOrg['regions'], code: string): Set<string> {
  const codes = new Set([code]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of regions) if (r.parentCode && codes.has(r.parentCode) && !codes.has(r.code)) { codes.add(r.code); grew = true; }
  }
  return codes;
}

export function FilterBar({ extra }: { extra?: ReactNode }) {
  const t = useT(messages);
  const { filters, setFilters, org, currentMonth } = useFilters();
  const tree = useMemo(() => regionTree(org?.regions ?? []), [org]);
  const departments = useMemo(() => {
    const all = org?.departments ?? [];
    if (!filters.regionCode || !org) return all;
    const inRegion = subtreeOf(org.regions, filters.regionCode);
    return all.filter((d) => inRegion.has(d.regionCode));
  }, [org, filters.regionCode]);
  const regionName = (code: string) => org?.regions.find((r) => r.code === code)?.name ?? code;
  return (
    <Space wrap size={[12, 8]} style={{ marginBottom: 12 }} data-testid="supervision-filters">
      <Space size={4}>
        <Typography.Text type="secondary">{t('month')}</Typography.Text>
        <Select aria-label={t('month')} style={{ width: 120 }} value={filters.month}
          options={monthsUpTo(currentMonth).map((m) => ({ value: m, label: m }))}
          onChange={(month) => setFilters({ ...filters, month })} />
      </Space>
      <Space size={4}>
        <Typography.Text type="secondary">{t('region')}</Typography.Text>
        <TreeSelect aria-label={t('region')} style={{ width: 200 }} allowClear treeDefaultExpandAll placeholder={t('allRegions')}
          value={filters.regionCode ?? undefined} treeData={tree}
          onChange={(code?: string) => {
            const keep = code && filters.departmentId && org ? subtreeOf(org.regions, code).has(filters.departmentId.split(':')[0]!) : !code;
            setFilters({ ...filters, regionCode: code ?? null, departmentId: keep ? filters.departmentId : null });
          }} />
      </Space>
      <Space size={4}>
        <Typography.Text type="secondary">{t('department')}</Typography.Text>
        <Select aria-label={t('department')} style={{ width: 240 }} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('allDepartments')}
          value={filters.departmentId ?? undefined}
          options={departments.map((d) => ({ value: d.id, label: `${d.name}（${regionName(d.regionCode)}）` }))}
          onChange={(id?: string) => setFilters({ ...filters, departmentId: id ?? null })} />
      </Space>
      {extra}
    </Space>
  );
}
