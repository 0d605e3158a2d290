package org.opencrm.core.event;

/**
 * Sales gave a lead to another owner (null: none); marketing keeps its copy for who sees
 * the lead's score.
 */
public record LeadOwnerChanged(long leadId, Long ownerId) {
}
