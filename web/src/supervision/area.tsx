import type { Area } from '../app/area.ts';

export const supervisionArea: Area = {
  base: '/supervision', roles: ['supervisor', 'admin'], title: { zh: '电子监察', en: 'Supervision' }, menu: [], element: null,
};
