/**
 * Workflow rules (issue 11 item 4): an admin's trigger → conditions → actions on a record
 * type a module offers through {@link org.opencrm.core.workflow.WorkflowRecordType}; the
 * engine, the run log, claims once across nodes, the loop guard and webhook deliveries.
 * Modules report changes through {@link org.opencrm.core.workflow.RecordChanges}.
 */
@org.springframework.modulith.NamedInterface("workflow")
package org.opencrm.core.workflow;
