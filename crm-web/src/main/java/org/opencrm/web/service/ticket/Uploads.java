package org.opencrm.web.service.ticket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.opencrm.service.ticket.NewAttachment;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploaded files as attachments (empty file inputs dropped); the service checks size and
 * type.
 */
final class Uploads {

	private Uploads() {
	}

	public static List<NewAttachment> attachments(List<MultipartFile> files) {
		if (files == null) {
			return List.of();
		}
		return files.stream().filter(f -> f != null && !f.isEmpty()).map(f -> {
			try {
				return new NewAttachment(f.getOriginalFilename(), f.getContentType(), f.getBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).toList();
	}

}
