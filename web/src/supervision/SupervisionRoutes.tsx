/** The dashboard's screens (loaded with ECharts only when a supervisor opens the area). */
import { App as AntApp } from 'antd';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AccountabilityPage } from './AccountabilityPage.tsx';
import { DefaultsPage } from './DefaultsPage.tsx';
import { FiltersProvider } from './filters.tsx';
import { OverviewPage } from './OverviewPage.tsx';
import { ProjectsPage } from './ProjectsPage.tsx';
import { ScoresPage } from './ScoresPage.tsx';
import { StatisticsPage } from './StatisticsPage.tsx';
import { WorkOrderPage } from '../work-orders/WorkOrderPage.tsx';
import { WorkOrdersPage } from '../work-orders/WorkOrdersPage.tsx';

export default function SupervisionRoutes() {
  return (
    // AntApp: the work-order screens (shared with the other areas) report through App.useApp().
    <AntApp>
      {/* The filters outlive a change of screen: the month and region chosen stay chosen. */}
      <FiltersProvider>
        <Routes>
          <Route index element={<OverviewPage />} />
          <Route path="defaults" element={<DefaultsPage />} />
          <Route path="accountability" element={<AccountabilityPage />} />
          <Route path="statistics" element={<StatisticsPage />} />
          <Route path="scores" element={<ScoresPage />} />
          <Route path="projects" element={<ProjectsPage />} />
          <Route path="work-orders" element={<WorkOrdersPage base="/supervision" />} />
          <Route path="work-orders/:orderId" element={<WorkOrderPage base="/supervision" />} />
          <Route path="*" element={<Navigate to="/supervision" replace />} />
        </Routes>
      </FiltersProvider>
    </AntApp>
  );
}
