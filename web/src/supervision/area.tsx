/**
 * 电子监察 dashboard for supervisors (their region and below) and admins: lights, default
 * consents, 问责记录, statistics and 堵点, monthly scores and 差评核查, each downloadable, and the
 * green channel (a case, or every case of a key project). The
 * screens and ECharts load only when the area is opened.
 */
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { Area } from '../app/area.ts';
import { messages } from './messages.ts';

const SupervisionRoutes = lazy(() => import('./SupervisionRoutes.tsx'));

type MenuKey = 'menuOverview' | 'menuDefaults' | 'menuAccountability' | 'menuStatistics' | 'menuScores' | 'menuProjects' | 'menuWorkOrders';
const menu = (path: string, key: MenuKey) => ({ path, zh: messages.zh[key], en: messages.en[key] });

export const supervisionArea: Area = {
  base: '/supervision',
  roles: ['supervisor', 'admin'],
  title: { zh: '电子监察', en: 'Supervision' },
  menu: [
    menu('', 'menuOverview'), menu('defaults', 'menuDefaults'), menu('accountability', 'menuAccountability'),
    menu('statistics', 'menuStatistics'), menu('scores', 'menuScores'), menu('projects', 'menuProjects'), menu('work-orders', 'menuWorkOrders'),
  ],
  element: (
    <Suspense fallback={<Spin style={{ display: 'block', marginTop: '20vh' }} />}>
      <SupervisionRoutes />
    </Suspense>
  ),
};
