/** 综合窗口: the acceptance queue, the material check with 容缺 and refusal, the printed notices, and the 12345 hotline's orders. */
import { App as AntApp } from 'antd';
import { Route, Routes } from 'react-router-dom';
import type { Area } from '../app/area.ts';
import { CasesPage } from './CasesPage.tsx';
import { CheckPage } from './CheckPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import { WorkOrderPage } from '../work-orders/WorkOrderPage.tsx';
import { WorkOrdersPage } from '../work-orders/WorkOrdersPage.tsx';

export const windowArea: Area = {
  base: '/window',
  roles: ['window'],
  title: { zh: '综合窗口', en: 'Window desk' },
  menu: [
    { path: '', zh: '待受理', en: 'To accept' },
    { path: 'cases', zh: '办件', en: 'Cases' },
    { path: 'work-orders', zh: '12345工单', en: '12345 orders' },
  ],
  element: (
    <AntApp>
      <Routes>
        <Route index element={<QueuePage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="cases/:caseId" element={<CheckPage />} />
        <Route path="work-orders" element={<WorkOrdersPage base="/window" />} />
        <Route path="work-orders/:orderId" element={<WorkOrderPage base="/window" />} />
      </Routes>
    </AntApp>
  ),
};
