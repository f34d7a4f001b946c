/**
 * bpmn-js module: the `translate` service in the app's language. Chinese by default; English
 * returns the source strings. The language is fixed per modeler (the designer re-creates the
 * modeler when the app's language toggles, as palette and context pad render their labels once).
 */
import { lintMessageZh } from './lint-zh.ts';
import { ZH } from './zh.ts';

export type DesignerLocale = 'zh' | 'en';

/** Translate `template` into `locale`, filling `{name}` placeholders. */
export function translateTo(locale: DesignerLocale, template: string, replacements: Record<string, unknown> = {}): string {
  const text = locale === 'zh' ? ZH[template] ?? lintMessageZh(template) ?? template : template;
  return text.replace(/{([^}]+)}/g, (whole, key: string) => (key in replacements ? String(replacements[key]) : whole));
}

function Translate(config: { designerLocale?: DesignerLocale }) {
  const locale = config?.designerLocale ?? 'zh';
  return (template: string, replacements?: Record<string, unknown>) => translateTo(locale, template, replacements);
}
Translate.$inject = ['config'];

export default {
  translate: ['factory', Translate],
};
