package org.opencrm.service.ticket;

/**
 * An attachment's name, type and size, for listing; the content is fetched on download
 * only.
 */
public record AttachmentInfo(long id, long messageId, String filename, String contentType, long sizeBytes) {
}
