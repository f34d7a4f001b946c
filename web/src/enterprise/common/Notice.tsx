/** A one-off success note handed over by the previous screen (navigate(…, { state: { notice } })). */
import { Alert } from 'antd';
import { useLocation } from 'react-router-dom';

export function Notice() {
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  return notice ? <Alert type="success" showIcon closable message={notice} data-testid="notice" /> : null;
}
