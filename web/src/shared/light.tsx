/** 红黄绿灯: the warning light of a task or case, as every screen shows it. */
import { Tag } from 'antd';
import { useLocale } from './i18n.tsx';

export type LightColour = 'green' | 'yellow' | 'red' | 'none' | string;

const TEXT: Record<string, { zh: string; en: string; color: string }> = {
  green: { zh: '绿灯', en: 'Green', color: 'success' },
  yellow: { zh: '黄灯', en: 'Yellow', color: 'warning' },
  red: { zh: '红灯', en: 'Red', color: 'error' },
};

export function Light({ light }: { light: LightColour | null | undefined }) {
  const { locale } = useLocale();
  const t = light ? TEXT[light] : undefined;
  if (!t) return null;
  return <Tag color={t.color} data-light={light}>{t[locale]}</Tag>;
}
