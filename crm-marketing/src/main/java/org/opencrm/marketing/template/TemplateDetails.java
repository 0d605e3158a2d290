package org.opencrm.marketing.template;

import java.time.Instant;

public record TemplateDetails(long id, String name, String subject, String htmlBody, String textBody, long version,
		Instant updatedAt) {
}
