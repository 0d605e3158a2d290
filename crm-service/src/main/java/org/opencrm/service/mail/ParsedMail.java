package org.opencrm.service.mail;

import java.util.List;
import org.opencrm.service.ticket.NewAttachment;

/**
 * What the e-mail channel needs of one message: who sent it, threading headers, the loop
 * markers, the readable text (cut at our reply marker, truncated when huge) and the
 * attachments.
 */
record ParsedMail(String messageId, String fromAddress, String fromName, String subject, String inReplyTo,
		List<String> references, String autoSubmitted, String precedence, boolean deliveryReport, String text,
		boolean truncated, List<NewAttachment> attachments) {
}
