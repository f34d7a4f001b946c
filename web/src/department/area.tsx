/** 部门工作台: the inbox, one case, the 联审会, the 12345 orders routed to it, and the department's own accountability and score. */
import { App as AntApp } from 'antd';
import { Route, Routes } from 'react-router-dom';
import type { Area } from '../app/area.ts';
import { CaseDetailPage } from './CaseDetailPage.tsx';
import { InboxPage } from './InboxPage.tsx';
import { MeetingsPage } from './MeetingsPage.tsx';
import { RecordsPage } from './RecordsPage.tsx';
import { WorkOrderPage } from '../work-orders/WorkOrderPage.tsx';
import { WorkOrdersPage } from '../work-orders/WorkOrdersPage.tsx';

export const departmentArea: Area = {
  base: '/department',
  roles: ['reviewer', 'lead'],
  title: { zh: '部门工作台', en: 'Department workbench' },
  menu: [
    { path: '', zh: '待办', en: 'Inbox' },
    { path: 'meetings', zh: '联审会', en: 'Meetings' },
    { path: 'work-orders', zh: '12345工单', en: '12345 orders' },
    { path: 'records', zh: '问责与考评', en: 'Accountability & score' },
  ],
  element: (
    <AntApp>
      <Routes>
        <Route index element={<InboxPage />} />
        <Route path="cases/:caseId" element={<CaseDetailPage />} />
        <Route path="meetings" element={<MeetingsPage />} />
        <Route path="work-orders" element={<WorkOrdersPage base="/department" />} />
        <Route path="work-orders/:orderId" element={<WorkOrderPage base="/department" />} />
        <Route path="records" element={<RecordsPage />} />
      </Routes>
    </AntApp>
  ),
};
