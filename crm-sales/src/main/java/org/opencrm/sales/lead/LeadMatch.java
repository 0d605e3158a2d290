package org.opencrm.sales.lead;

/**
 * An existing lead or contact that may be the person being entered: {@code kind} "lead"
 * or "contact", {@code reason} "email" or "name" (a similar name at a similar company).
 */
public record LeadMatch(String kind, long id, String name, String email, String company, String reason) {
}
