/**
 * 12345: the only reasons for which a department may return (退回) a work order instead of
 * signing for it, as the hotline rules list them.
 */
export const RETURN_REASONS = {
  'outside-jurisdiction': '不属于本单位职责范围',
  'in-legal-process': '已进入诉讼、仲裁、行政复议或行政审批程序',
  'secrets': '涉及国家秘密、商业秘密或个人隐私',
  'unlawful-request': '诉求违反法律法规',
  'too-vague': '诉求内容不清、无法办理',
} as const;

export type ReturnReason = keyof typeof RETURN_REASONS;

/** True when `code` is one of the fixed return reasons. */
export function isReturnReason(code: unknown): code is ReturnReason {
  return typeof code === 'string' && Object.hasOwn(RETURN_REASONS, code);
}
