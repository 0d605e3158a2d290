package org.opencrm.service.ticket;

import java.util.Objects;

/**
 * A file sent with a message: checked against {@link AttachmentRules} before anything is
 * written.
 */
public record NewAttachment(String filename, String contentType, byte[] data) {

	public NewAttachment {
		Objects.requireNonNull(data, "data");
		filename = filename == null || filename.isBlank() ? "attachment" : filename.strip();
		contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip();
	}
}
