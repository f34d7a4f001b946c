/**
 * Upload files for one material: each file goes to POST /api/uploads at once (the server checks
 * size and type by content); the ids come back to the form through `onChange`.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import { ApiError, post } from '../../shared/api.ts';
import { useT } from '../../shared/i18n.tsx';
import { messages } from '../messages.ts';
import type { Upload as Uploaded } from '../types.ts';

type UploadRequest = Parameters<NonNullable<UploadProps['customRequest']>>[0];

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png';

export function MaterialUpload({ testId, onChange }: { testId: string; onChange: (uploads: Uploaded[]) => void }) {
  const t = useT(messages);
  const [files, setFiles] = useState<UploadFile<Uploaded>[]>([]);
  const publish = (next: UploadFile<Uploaded>[]) => {
    setFiles(next);
    onChange(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response!));
  };

  const send = async ({ file, onSuccess, onError }: UploadRequest) => {
    const body = new FormData();
    body.append('file', file as File);
    try {
      onSuccess?.(await post<Uploaded>('/api/uploads', body));
    } catch (error) {
      // The server's reason is English; the two refusals a person can fix are said in their language.
      const reason = !(error instanceof ApiError) ? String(error)
        : error.code === 'unsupported_file_type' ? t('badFileType')
          : error.code === 'file_too_large' ? t('fileTooLarge') : error.fields.file ?? error.message;
      onError?.(new Error(t('uploadFailed', { file: (file as File).name, message: reason })));
    }
  };

  const failed = files.filter((f) => f.status === 'error');
  return (
    <div data-testid={testId}>
    <Upload<Uploaded> accept={ACCEPT} multiple fileList={files} customRequest={send}
      onChange={({ fileList }) => publish(fileList.map((f) => (f.status === 'error' ? { ...f, response: undefined } : f)))}>
      <Button icon={<UploadOutlined />}>{t('upload')}</Button>
    </Upload>
    {failed.map((f) => <Typography.Text key={f.uid} type="danger" style={{ display: 'block' }} data-testid="upload-error">{f.error?.message}</Typography.Text>)}
    </div>
  );
}
