package org.opencrm.marketing.form;

import java.util.List;

/** A web-to-lead form as the marketer designs it. */
public record LeadFormCommand(String name, String slug, List<FormFieldSpec> fields, String thankYou, Long campaignId,
		boolean active, long version) {
}
