/** What a screen shows while its data loads or when loading failed (with a retry). */
import { Alert, Button, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../shared/i18n.tsx';
import type { Loaded as LoadState } from '../../shared/use-load.ts';
import { messages } from '../messages.ts';

export function Loaded<T>({ state, children }: { state: LoadState<T>; children: (data: T) => ReactNode }) {
  const t = useT(messages);
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error) {
    return <Alert type="error" showIcon message={t('loadFailed', { message: state.error.message })} action={<Button size="small" onClick={state.reload}>{t('retry')}</Button>} />;
  }
  return <Spin style={{ display: 'block', margin: '48px auto' }} tip={t('loading')}><div style={{ minHeight: 48 }} /></Spin>;
}
