// @vitest-environment jsdom
import './antd-dom.ts';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpinionForm } from '../../../web/src/department/OpinionForm.tsx';
import { checkOpinion } from '../../../web/src/department/opinion-rules.ts';
import { LocaleProvider } from '../../../web/src/shared/i18n.tsx';

afterEach(cleanup);

function renderForm() {
  const onSubmit = vi.fn();
  render(<LocaleProvider><OpinionForm materialOptions={['建设工程规划许可证']} onSubmit={onSubmit} /></LocaleProvider>);
  return onSubmit;
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: /提交意见/ }));

describe('the opinion form', () => {
  it('asks for a decision before sending anything', async () => {
    const onSubmit = renderForm();
    submit();
    await screen.findByText('请选择审查结论');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses a rejection without reasons, then sends the reasons it was given', async () => {
    const onSubmit = renderForm();
    fireEvent.click(screen.getByLabelText('不同意'));
    submit();
    await screen.findByText('不同意时须写明理由');
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: /添加理由/ }));
    fireEvent.change(screen.getByLabelText('理由 1'), { target: { value: '  消防车道宽度不足  ' } });
    await waitFor(() => expect(screen.queryByText('不同意时须写明理由')).toBeNull());
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({ decision: 'reject', reasons: ['消防车道宽度不足'], conditions: [], materials: [] });
  });

  it('does not count a blank reason as a reason', async () => {
    const onSubmit = renderForm();
    fireEvent.click(screen.getByLabelText('不同意'));
    fireEvent.click(screen.getByRole('button', { name: /添加理由/ }));
    fireEvent.change(screen.getByLabelText('理由 1'), { target: { value: '   ' } });
    submit();
    await screen.findByText('不同意时须写明理由');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends an approval with its conditions (附条件同意)', async () => {
    const onSubmit = renderForm();
    fireEvent.click(screen.getByLabelText('同意'));
    fireEvent.click(screen.getByRole('button', { name: /添加条件/ }));
    fireEvent.change(screen.getByLabelText('附加条件 1'), { target: { value: '竣工前完成消防验收' } });
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ decision: 'approve', reasons: [], conditions: ['竣工前完成消防验收'], materials: [] }));
  });

  it('requires the full list of missing materials for a 补正 request', async () => {
    const onSubmit = renderForm();
    fireEvent.click(screen.getByLabelText('需补正'));
    submit();
    await screen.findByText('需补正时须一次性列明全部材料');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

describe('opinion rules', () => {
  it('names each field that is wrong, as the server would', () => {
    expect(checkOpinion({ decision: 'supplement', reasons: [], conditions: [], materials: [' '] })).toEqual({ materials: 'materialsRequired' });
    expect(checkOpinion({ decision: 'approve', reasons: ['x'.repeat(2001)], conditions: [], materials: [] })).toEqual({ reasons: 'entryTooLong' });
    expect(checkOpinion({ decision: 'approve', reasons: [], conditions: Array(51).fill('c'), materials: [] })).toEqual({ conditions: 'tooMany' });
    expect(checkOpinion({ decision: 'approve', reasons: [], conditions: [], materials: [] })).toEqual({});
  });
});
