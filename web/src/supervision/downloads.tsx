/**
 * Download buttons for a table: the same list the screen shows, as CSV (UTF-8 with a
 * byte-order mark, opens in Excel) and as an XLSX workbook. Plain links: the browser sends the
 * session cookie, the API names the file.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useT } from '../shared/i18n.tsx';
import { messages } from './messages.ts';
import { apiPath } from './query.ts';

export function Downloads({ path, params, name }: { path: string; params: Record<string, string | number | null | undefined>; /** A stable id of the table (test ids). */ name: string }) {
  const t = useT(messages);
  return (
    <Space size={4}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button key={format} size="small" icon={<DownloadOutlined />} href={apiPath(path, { ...params, format })} download
          data-testid={`download-${name}-${format}`}>
          {format === 'csv' ? t('downloadCsv') : t('downloadXlsx')}
        </Button>
      ))}
    </Space>
  );
}
