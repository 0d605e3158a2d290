package org.opencrm.marketing.template;

/**
 * A template filled in for one recipient: the subject, the HTML part and the plain-text
 * part.
 */
public record RenderedEmail(String subject, String html, String text) {
}
