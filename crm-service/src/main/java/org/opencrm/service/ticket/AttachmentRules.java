package org.opencrm.service.ticket;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opencrm.core.shared.RuleViolationException;

/**
 * What a ticket accepts as attachment: at most 10 MB per file, and nothing that runs
 * (executables and scripts, by extension or declared type). Checked before anything of a
 * message is written.
 */
public final class AttachmentRules {

	public static final long MAX_BYTES = 10L * 1024 * 1024;

	static final Set<String> FORBIDDEN_EXTENSIONS = Set.of("exe", "com", "bat", "cmd", "msi", "scr", "pif", "dll", "js",
			"vbs", "vbe", "jse", "wsf", "ps1", "sh", "jar", "apk", "app", "cpl", "hta", "reg", "lnk");

	static final Set<String> FORBIDDEN_TYPES = Set.of("application/x-msdownload", "application/x-msdos-program",
			"application/x-executable", "application/x-sh", "application/x-msi", "application/java-archive",
			"application/vnd.microsoft.portable-executable", "application/x-dosexec", "text/javascript",
			"application/javascript");

	private AttachmentRules() {
	}

	public static void check(List<NewAttachment> attachments) {
		for (NewAttachment a : attachments) {
			if (a.data().length > MAX_BYTES) {
				throw new RuleViolationException("ticket.attachment.tooBig",
						"The file " + a.filename() + " is larger than 10 MB.", a.filename());
			}
			String name = a.filename().toLowerCase(Locale.ROOT);
			String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
			String type = a.contentType().toLowerCase(Locale.ROOT);
			if (FORBIDDEN_EXTENSIONS.contains(ext) || FORBIDDEN_TYPES.contains(type)
					|| startsLikeAnExecutable(a.data())) {
				throw new RuleViolationException("ticket.attachment.forbidden",
						"Files like " + a.filename() + " can't be attached (programs and scripts are refused).",
						a.filename());
			}
		}
	}

	/** Windows (MZ) and Linux (ELF) programs, whatever they are called. */
	private static boolean startsLikeAnExecutable(byte[] data) {
		return data.length >= 2 && data[0] == 'M' && data[1] == 'Z'
				|| data.length >= 4 && data[0] == 0x7F && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
	}

}
