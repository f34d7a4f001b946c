/** An order's stage as a coloured tag. */
import { Tag } from 'antd';
import { useT } from '../shared/i18n.tsx';
import { messages } from './messages.ts';
import type { Stage } from './types.ts';

const COLOURS: Record<Stage, string> = { dispatch: 'gold', handle: 'processing', callback: 'cyan', supervise: 'red', closed: 'default' };

export function StageTag({ stage }: { stage: Stage }) {
  const t = useT(messages);
  return <Tag color={COLOURS[stage]} data-testid="order-stage">{t(`stage_${stage}`)}</Tag>;
}
