package org.opencrm.core.event;

/**
 * An account's or contact's lifecycle stage moved (e.g. a won deal makes it a customer).
 */
public record LifecycleStageChanged(String subjectType, long subjectId, String from, String to) {
}
