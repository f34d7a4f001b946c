/** 登录: one sign-in for every role; afterwards each role lands on its own home. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../shared/api.ts';
import { defineMessages, useT } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { homeOf } from '../app/areas.tsx';

const messages = defineMessages({
  zh: { title: '登录联审平台', username: '用户名', password: '密码', submit: '登录', failed: '用户名或密码错误', limited: '尝试次数过多，请一分钟后再试', track: '无需登录：按受理编号和查询码查询办理进度' },
  en: { title: 'Sign in to Lianshen', username: 'Username', password: 'Password', submit: 'Sign in', failed: 'Wrong username or password', limited: 'Too many attempts; wait a minute', track: 'No account needed: look up progress by case number and query code' },
});

export function LoginPage() {
  const t = useT(messages);
  const { login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const user = await login(values.username, values.password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : homeOf(user.role), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 429 ? t('limited') : t('failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 380, margin: '10vh auto' }}>
      <Typography.Title level={3}>{t('title')}</Typography.Title>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('submit')}</Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}><a href="/track">{t('track')}</a></Typography.Paragraph>
    </Card>
  );
}
