// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from '../../web/src/shared/i18n.tsx';
import { Light } from '../../web/src/shared/light.tsx';

afterEach(cleanup);

describe('Light', () => {
  it('names the light in Chinese by default and in English on the toggle', () => {
    render(<LocaleProvider><Light light="red" /></LocaleProvider>);
    expect(screen.getByText('红灯').getAttribute('data-light')).toBe('red');
    cleanup();
    render(<LocaleProvider locale="en"><Light light="yellow" /></LocaleProvider>);
    expect(screen.getByText('Yellow')).toBeTruthy();
  });

  it('shows nothing for a task without a light', () => {
    const { container } = render(<LocaleProvider><Light light="none" /></LocaleProvider>);
    expect(container.textContent).toBe('');
  });
});
