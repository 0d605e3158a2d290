package org.opencrm.service.ticket;

/** An attachment to download. */
public record AttachmentContent(String filename, String contentType, byte[] data) {
}
