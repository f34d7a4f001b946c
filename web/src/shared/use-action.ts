/** A screen's action with its busy flag: success and failure reported as antd messages. */
import { App } from 'antd';
import { useCallback, useRef, useState } from 'react';

export interface Action {
  busy: boolean;
  /** Run `action`; on success show `ok` (if any) and call `then`. Failures show `failed(message)`. */
  run(action: () => Promise<unknown>, ok?: string, then?: () => void): Promise<void>;
}

export function useAction(failed: (message: string) => string): Action {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  // The latest formatter, so callers may pass a fresh arrow on every render.
  const failedText = useRef(failed);
  failedText.current = failed;
  const run = useCallback(async (action: () => Promise<unknown>, ok?: string, then?: () => void) => {
    setBusy(true);
    try {
      await action();
      if (ok) message.success(ok);
      then?.();
    } catch (error) {
      message.error(failedText.current((error as Error).message));
    } finally {
      setBusy(false);
    }
  }, [message]);
  return { busy, run };
}
