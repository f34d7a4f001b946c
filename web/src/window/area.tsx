import type { Area } from '../app/area.ts';

export const windowArea: Area = {
  base: '/window', roles: ['window'], title: { zh: '综合窗口', en: 'Window desk' }, menu: [], element: null,
};
