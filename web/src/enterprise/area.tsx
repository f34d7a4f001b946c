import type { Area, PublicPage } from '../app/area.ts';

export const enterpriseArea: Area = {
  base: '/enterprise', roles: ['applicant'], title: { zh: '企业办事', en: 'Enterprise portal' }, menu: [], element: null,
};

export const enterprisePublicPages: PublicPage[] = [];
