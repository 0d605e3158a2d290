package org.opencrm.core.workflow;

/**
 * A record an idle or overdue rule has not run on for its period yet: {@code key} names
 * the period ({@code idle:<id>:<since in epoch ms>}), the claim's key in
 * {@code workflow_runs}.
 */
record IdleRecord(long id, String key) {
}
