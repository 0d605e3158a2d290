package org.opencrm.core.notification;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a notification's message key in the reader's language, from
 * {@code notifications/messages*.properties} (crm-core's own bundle: the page, the bell
 * and the mails all read the same texts). Argument {@code {0}} is who acted.
 */
@Component
class NotificationTexts {

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	NotificationTexts() {
		messages.setBasename("notifications/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
	}

	/**
	 * The text; without an actor the key's {@code .auto} variant where the bundle has
	 * one. A key missing from the bundle shows as the key.
	 */
	String render(String key, String actorName, List<String> args, Locale locale) {
		boolean nobody = actorName == null || actorName.isBlank();
		Object[] all = Stream.concat(Stream.of(nobody ? "" : actorName), args.stream()).toArray();
		String auto = nobody ? messages.getMessage(key + ".auto", all, null, locale) : null;
		return auto != null ? auto : messages.getMessage(key, all, key, locale);
	}

	/** Where a record lives in the app, for links on the page and in mails. */
	static String path(String recordType, Long recordId) {
		if (recordType == null || recordId == null) {
			return null;
		}
		return switch (recordType) {
			case "account" -> "/accounts/" + recordId;
			case "contact" -> "/contacts/" + recordId;
			case "lead" -> "/leads/" + recordId;
			case "deal" -> "/opportunities/" + recordId;
			case "ticket" -> "/service/tickets/" + recordId;
			case "task" -> "/tasks";
			default -> null;
		};
	}

}
