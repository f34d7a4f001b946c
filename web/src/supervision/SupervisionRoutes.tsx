/** The dashboard's screens (loaded with ECharts only when a supervisor opens the area). */
import { Navigate, Route, Routes } from 'react-router-dom';
import { AccountabilityPage } from './AccountabilityPage.tsx';
import { DefaultsPage } from './DefaultsPage.tsx';
import { FiltersProvider } from './filters.tsx';
import { OverviewPage } from './OverviewPage.tsx';
import { ProjectsPage } from './ProjectsPage.tsx';
import { ScoresPage } from './ScoresPage.tsx';
import { StatisticsPage } from './StatisticsPage.tsx';

export default function SupervisionRoutes() {
  return (
    // The filters outlive a change of screen: the month and region chosen stay chosen.
    <FiltersProvider>
      <Routes>
        <Route index element={<OverviewPage />} />
        <Route path="defaults" element={<DefaultsPage />} />
        <Route path="accountability" element={<AccountabilityPage />} />
        <Route path="statistics" element={<StatisticsPage />} />
        <Route path="scores" element={<ScoresPage />} />
        <Route path="projects" element={<ProjectsPage />} />
        <Route path="*" element={<Navigate to="/supervision" replace />} />
      </Routes>
    </FiltersProvider>
  );
}
