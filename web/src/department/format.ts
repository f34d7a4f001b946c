/** Dates as a service centre reads them: Beijing time, whatever the browser's zone. */
const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const date = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)).replace(/\//g, '-') : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? date.format(new Date(iso)).replace(/\//g, '-') : '—');

/** A `datetime-local` value ('2026-03-04T14:30') read as Beijing time. */
export const beijingInput = (value: string): string => `${value}:00+08:00`;
