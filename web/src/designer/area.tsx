/**
 * 流程设计: process designers model approval items. The screens (and bpmn-js, a large download)
 * load only when a designer opens the area.
 */
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { Area } from '../app/area.ts';

const DesignerRoutes = lazy(() => import('./DesignerRoutes.tsx'));

export const designerArea: Area = {
  base: '/designer',
  roles: ['designer'],
  title: { zh: '流程设计', en: 'Process designer' },
  menu: [{ path: '', zh: '审批事项', en: 'Approval items' }],
  element: (
    <Suspense fallback={<Spin style={{ display: 'block', marginTop: '20vh' }} />}>
      <DesignerRoutes />
    </Suspense>
  ),
};
