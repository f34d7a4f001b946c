/** 综合窗口: the acceptance queue, the material check with 容缺 and refusal, and the printed notices. */
import { App as AntApp } from 'antd';
import { Route, Routes } from 'react-router-dom';
import type { Area } from '../app/area.ts';
import { CasesPage } from './CasesPage.tsx';
import { CheckPage } from './CheckPage.tsx';
import { QueuePage } from './QueuePage.tsx';

export const windowArea: Area = {
  base: '/window',
  roles: ['window'],
  title: { zh: '综合窗口', en: 'Window desk' },
  menu: [
    { path: '', zh: '待受理', en: 'To accept' },
    { path: 'cases', zh: '办件', en: 'Cases' },
  ],
  element: (
    <AntApp>
      <Routes>
        <Route index element={<QueuePage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="cases/:caseId" element={<CheckPage />} />
      </Routes>
    </AntApp>
  ),
};
