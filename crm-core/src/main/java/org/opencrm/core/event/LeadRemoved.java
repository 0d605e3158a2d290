package org.opencrm.core.event;

/**
 * Sales deleted a lead (its import was reverted): marketing drops its scoring copy.
 */
public record LeadRemoved(long leadId) {
}
