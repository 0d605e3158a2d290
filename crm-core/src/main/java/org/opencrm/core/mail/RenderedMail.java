package org.opencrm.core.mail;

/**
 * A mail template rendered for one recipient: the subject (the template's
 * {@code <title>}), the HTML document and its text version.
 */
public record RenderedMail(String subject, String html, String text) {
}
