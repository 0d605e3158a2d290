package org.opencrm.marketing.template;

/**
 * What a marketer typed for a template; {@code version} is the one they saw (0 when new).
 */
public record TemplateCommand(String name, String subject, String htmlBody, String textBody, long version) {
}
