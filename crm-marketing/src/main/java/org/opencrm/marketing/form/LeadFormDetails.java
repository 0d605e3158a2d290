package org.opencrm.marketing.form;

import java.time.Instant;
import java.util.List;

public record LeadFormDetails(long id, String name, String slug, List<FormFieldSpec> fields, String thankYou,
		Long campaignId, boolean active, long version, Instant createdAt, Instant updatedAt) {
}
