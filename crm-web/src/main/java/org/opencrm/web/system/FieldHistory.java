package org.opencrm.web.system;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditTrail;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A record's field history as people read it ({@code fragments/history}): each field by
 * its label ({@code history.<type>.<field>}, else {@code history.field.<field>}), owners,
 * accounts and contacts by name, enum values by their labels, money as every page shows
 * it — "Stage: Qualification → Proposal", "Owner: Rita Rep → Sam Seller", never keys and
 * ids.
 */
@Component("fieldHistory")
public class FieldHistory {

	/** A changed value written as amount and currency ("12000.00 EUR"). */
	private static final Pattern MONEY = Pattern.compile("(-?\\d{1,15}(?:\\.\\d{1,6})?) ([A-Z]{3})");

	/** Per field, the message prefix of its values' labels (an enum's name follows). */
	private static final Map<String, String> VALUE_LABELS = Map.of("lifecycleStage", "stage.", "forecastCategory",
			"opportunity.forecast.", "salesChannel", "opportunity.channel.", "role", "role.", "priority",
			"ticket.priority.", "type", "ticket.type.", "preferredLocale", "settings.language.");

	/** Per record type, the message prefix of its {@code status} values. */
	private static final Map<String, String> STATUS_LABELS = Map.of("lead", "lead.status.", "ticket", "ticket.status.");

	/** One line as the page shows it. */
	public record Line(Instant changedAt, String action, String label, String oldText, String newText,
			String changedByName) {
	}

	private final MessageSource messages;

	private final Formats fmt;

	FieldHistory(MessageSource messages, Formats fmt) {
		this.messages = messages;
		this.fmt = fmt;
	}

	/**
	 * The lines of a history of a record of {@code type} ("account", "opportunity", …).
	 */
	public List<Line> lines(String type, List<AuditEntry> entries) {
		Locale locale = LocaleContextHolder.getLocale();
		return entries.stream()
			.map(e -> new Line(e.changedAt(), e.action(), e.field() == null ? null : label(type, e.field(), locale),
					// A merge's old value names the record the value came from ("#15").
					"MERGE".equals(e.action()) ? e.oldValue()
							: text(type, e.field(), e.oldValue(), e.oldName(), locale),
					text(type, e.field(), e.newValue(), e.newName(), locale), e.changedByName()))
			.toList();
	}

	private String label(String type, String field, Locale locale) {
		String general = messages.getMessage("history.field." + field, null, field, locale);
		return messages.getMessage("history." + type + "." + field, null, general, locale);
	}

	String text(String type, String field, String value, String name, Locale locale) {
		if (value == null || value.isBlank() || "null".equals(value)) {
			return messages.getMessage("common.none", null, "—", locale);
		}
		if (name != null) {
			return name;
		}
		if (field != null && (AuditTrail.USER_FIELDS.contains(field) || AuditTrail.ACCOUNT_FIELDS.contains(field)
				|| AuditTrail.CONTACT_FIELDS.contains(field) || "teamId".equals(field))) {
			// Points at a record deleted since.
			return messages.getMessage("history.value.gone", null, "(deleted)", locale);
		}
		String prefix = "status".equals(field) ? STATUS_LABELS.get(type) : VALUE_LABELS.get(field);
		if (prefix != null) {
			return messages.getMessage(prefix + value, null, value, locale);
		}
		if ("true".equals(value) || "false".equals(value)) {
			return messages.getMessage("true".equals(value) ? "common.yes" : "common.no", null, value, locale);
		}
		Matcher money = MONEY.matcher(value);
		if (money.matches()) {
			return fmt.money(new BigDecimal(money.group(1)), money.group(2));
		}
		return value;
	}

}
