package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells a refusal from a broken line: a refusal carries the server's reply code
 * (certainly not accepted: 4xx may be retried, 5xx is final); without one the line broke
 * and the server may have accepted the message.
 */
public final class SmtpReply {

	private SmtpReply() {
	}

	/**
	 * Reply code of an SMTP refusal (Angus Mail's SMTP exceptions), anywhere in the
	 * chain; null if none.
	 */
	public static Integer code(Throwable ex) {
		Set<Throwable> seen = new LinkedHashSet<>();
		Throwable t = ex;
		while (t != null && seen.add(t)) {
			try {
				Method m = t.getClass().getMethod("getReturnCode");
				Object code = m.invoke(t);
				if (code instanceof Integer i && i > 0) {
					return i;
				}
			}
			catch (ReflectiveOperationException ignored) {
				// not an SMTP reply
			}
			t = t instanceof MessagingException me && me.getNextException() != null ? me.getNextException()
					: t.getCause();
		}
		return null;
	}

}
