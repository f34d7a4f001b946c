import type { Area } from '../app/area.ts';

export const designerArea: Area = {
  base: '/designer', roles: ['designer'], title: { zh: '流程设计', en: 'Process designer' }, menu: [], element: null,
};
