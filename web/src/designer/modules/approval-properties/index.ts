/** bpmn-js module: the 审批 groups of the properties panel (needs the BPMN properties panel modules). */
import { ApprovalPropertiesProvider } from './ApprovalPropertiesProvider.ts';

export default {
  __init__: ['approvalPropertiesProvider'],
  approvalPropertiesProvider: ['type', ApprovalPropertiesProvider],
};
