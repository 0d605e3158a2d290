package org.opencrm.core.mail;

/**
 * One row of a bulk enqueue ({@link Mails#enqueueRenderedWhenSent}): the address, the
 * Message-ID chosen for it, and the id of the caller's record it renders from.
 */
public record QueuedMail(String to, String messageId, long recordId) {
}
