/** Buttons that open the printable notices (PDF) of a case in a new tab. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useT } from '../shared/i18n.tsx';
import { messages } from './messages.ts';

export function NoticeLinks({ caseId, acceptance, missing }: { caseId: string; acceptance: boolean; missing: boolean }) {
  const t = useT(messages);
  return (
    <Space wrap>
      {acceptance && (
        <Button icon={<PrinterOutlined />} type="primary" href={`/api/cases/${caseId}/acceptance-notice.pdf`} target="_blank" data-testid="print-acceptance">
          {t('printAcceptance')}
        </Button>
      )}
      {missing && (
        <Button icon={<PrinterOutlined />} href={`/api/cases/${caseId}/missing-materials-notice.pdf`} target="_blank" data-testid="print-missing">
          {t('printMissing')}
        </Button>
      )}
    </Space>
  );
}
