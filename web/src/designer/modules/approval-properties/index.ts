/** bpmn-js module: the 审批 groups of the properties panel (needs the BPMN properties panel modules), and the joint review's id sync. */
import { ApprovalPropertiesProvider } from './ApprovalPropertiesProvider.ts';
import { JointReviewIdSync } from './JointReviewIdSync.ts';

export default {
  __init__: ['approvalPropertiesProvider', 'jointReviewIdSync'],
  approvalPropertiesProvider: ['type', ApprovalPropertiesProvider],
  jointReviewIdSync: ['type', JointReviewIdSync],
};
