package org.opencrm.sales.lead;

import java.time.Instant;

/** A follow-up task scheduled about a lead (a core task with related_ref "lead:id"). */
public record LeadTask(long id, String title, Instant dueAt, String status, String assigneeName) {
}
