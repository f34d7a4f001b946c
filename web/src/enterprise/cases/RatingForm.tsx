/** 一事一评价: the applicant rates an ended case once, on the centre's scale, within its window. */
import { Alert, Button, Card, Flex, Input, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, post } from '../../shared/api.ts';
import { useLocale, useT } from '../../shared/i18n.tsx';
import { newIdempotencyKey } from '../common/idempotency-key.ts';
import { formatDay } from '../format.ts';
import { messages, type MessageKey } from '../messages.ts';
import type { RatingAnswer } from '../types.ts';

export function RatingForm({ caseId, rating, onDone }: { caseId: string; rating: RatingAnswer; onDone(): void }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [level, setLevel] = useState<string>();
  const [aspects, setAspects] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const key = useMemo(() => newIdempotencyKey(), []);

  if (rating.state === 'rated') return <Alert type="success" showIcon message={t('rated', { level: rating.rating?.level ?? '' })} data-testid="rating-done" />;
  if (rating.state === 'closed-unrated') return <Alert type="info" message={t('ratingClosed')} />;
  if (rating.state !== 'awaiting') return null;

  const submit = async () => {
    if (!level) return setError(t('chooseLevel'));
    setSending(true);
    setError(undefined);
    try {
      await post(`/api/cases/${caseId}/rating`, { level, comment: comment.trim() || undefined, aspects: Object.keys(aspects).length ? aspects : undefined }, { 'idempotency-key': key });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? Object.values(e.fields).join('；') || e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const aspectLabel = (a: string) => (`aspect.${a}` in messages.zh ? t(`aspect.${a}` as MessageKey) : a);
  return (
    <Card size="small" title={t('ratingTitle')} data-testid="rating-form" style={{ borderColor: '#1677ff' }}>
      <Flex vertical gap={8}>
        <Typography.Text>{t('ratingIntro', { closes: formatDay(rating.window?.closesAt, locale) })}</Typography.Text>
        <Typography.Text strong>{t('ratingLevel')}</Typography.Text>
        <Radio.Group value={level} onChange={(e) => setLevel(e.target.value)} optionType="button" buttonStyle="solid" data-testid="rating-levels"
          options={rating.scale.levels.map((l) => ({ value: l, label: l }))} style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }} />
        <Typography.Text strong>{t('aspects')}</Typography.Text>
        <Flex wrap gap={8}>
          {rating.scale.aspects.map((a) => (
            <Flex key={a} vertical style={{ flex: '1 1 150px' }}>
              <Typography.Text type="secondary">{aspectLabel(a)}</Typography.Text>
              <Select allowClear value={aspects[a]} options={rating.scale.levels.map((l) => ({ value: l, label: l }))}
                onChange={(v?: string) => setAspects(({ [a]: _, ...rest }) => (v ? { ...rest, [a]: v } : rest))} />
            </Flex>
          ))}
        </Flex>
        <Typography.Text strong>{t('ratingComment')}</Typography.Text>
        <Input.TextArea rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
        {error && <Alert type="error" showIcon message={error} />}
        <Button type="primary" onClick={submit} loading={sending} data-testid="submit-rating">{t('submitRating')}</Button>
      </Flex>
    </Card>
  );
}
