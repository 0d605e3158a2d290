package org.opencrm.sales.lead;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How to convert a lead: into a new account and contact, or into existing ones the user
 * picked among the look-alikes; with a deal when {@code createOpportunity}.
 */
public record ConvertLead(Long existingAccountId, Long existingContactId, boolean createOpportunity,
		String opportunityName, BigDecimal amount, LocalDate closeDate, Long pipelineId, long version) {
}
