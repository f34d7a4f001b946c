/**
 * 企业办事: the enterprise portal — the public catalogue and online application, projects
 * followed case by case and department by department, 补正 and rating — and the pages anyone
 * may open without signing in (the catalogue, the progress lookup).
 */
import { Route, Routes } from 'react-router-dom';
import type { Area, PublicPage } from '../app/area.ts';
import { ApplyPage } from './apply/ApplyPage.tsx';
import { CaseList } from './cases/CaseList.tsx';
import { CasePage } from './cases/CasePage.tsx';
import { CatalogueItem } from './catalogue/CatalogueItem.tsx';
import { CatalogueList } from './catalogue/CatalogueList.tsx';
import { ProjectList } from './projects/ProjectList.tsx';
import { ProjectPage } from './projects/ProjectPage.tsx';
import { TrackPage } from './public/TrackPage.tsx';

export const enterpriseArea: Area = {
  base: '/enterprise',
  roles: ['applicant'],
  title: { zh: '企业办事', en: 'Enterprise portal' },
  menu: [
    { path: '', zh: '办事指南', en: 'Service guide' },
    { path: 'projects', zh: '我的项目', en: 'My projects' },
    { path: 'cases', zh: '我的办件', en: 'My cases' },
    { path: 'track', zh: '进度查询', en: 'Track progress' },
  ],
  element: (
    <Routes>
      <Route index element={<CatalogueList base="/enterprise/catalogue" />} />
      <Route path="catalogue/:itemCode" element={<CatalogueItem base="/enterprise" />} />
      <Route path="apply/:itemCode" element={<ApplyPage />} />
      <Route path="projects" element={<ProjectList />} />
      <Route path="projects/:projectId" element={<ProjectPage />} />
      <Route path="cases" element={<CaseList />} />
      <Route path="cases/:caseId" element={<CasePage />} />
      <Route path="track" element={<TrackPage />} />
    </Routes>
  ),
};

export const enterprisePublicPages: PublicPage[] = [
  { path: '/track', title: { zh: '办件进度查询', en: 'Track a case' }, element: <TrackPage /> },
  { path: '/catalogue', title: { zh: '办事指南', en: 'Service guide' }, element: <CatalogueList base="/catalogue" /> },
  { path: '/catalogue/:itemCode', title: { zh: '事项详情', en: 'Item' }, element: <CatalogueItem base="/catalogue" /> },
];
