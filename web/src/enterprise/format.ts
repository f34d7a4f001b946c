/** Dates as people at the centre read them: Beijing time, in the chosen language. */
import type { Locale } from '../shared/i18n.tsx';

const DAY: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' };
const MINUTE: Intl.DateTimeFormatOptions = { ...DAY, hour: '2-digit', minute: '2-digit', hour12: false };

const tag = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB');

export function formatDay(iso: string | null | undefined, locale: Locale): string {
  return iso ? new Intl.DateTimeFormat(tag(locale), DAY).format(new Date(iso)) : '—';
}

export function formatTime(iso: string | null | undefined, locale: Locale): string {
  return iso ? new Intl.DateTimeFormat(tag(locale), MINUTE).format(new Date(iso)) : '—';
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
