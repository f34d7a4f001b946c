/**
 * The `approval` moddle extension: one JSON file under processes/, read by the engine, by
 * bpmn-moddle at deploy time and (later) by the designer.
 */
import descriptor from '../../processes/approval-moddle.json' with { type: 'json' };

export const approvalDescriptor = descriptor;
export const APPROVAL_NS = descriptor.uri;
