import type { Area } from '../app/area.ts';

export const departmentArea: Area = {
  base: '/department', roles: ['reviewer', 'lead'], title: { zh: '部门工作台', en: 'Department workbench' }, menu: [], element: null,
};
