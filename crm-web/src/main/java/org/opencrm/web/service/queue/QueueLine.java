package org.opencrm.web.service.queue;

import java.time.Instant;
import java.util.Locale;
import org.opencrm.service.queue.QueueRow;
import org.opencrm.service.ticket.SlaDeadline;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.web.service.ticket.TicketBadges;
import org.opencrm.web.system.Formats;
import org.springframework.context.MessageSource;

/**
 * A queue row as the page shows it: every text, class and path worked out here, so the
 * template's row is flat (no fragment, {@code th:with} or {@code th:switch} per row).
 * Rendering the 25 rows through the shared fragments ({@code service/ticket/inline ::
 * cell}, {@code badges :: deadline}) was most of the queue's CPU (JFR, bench/load). The
 * markup is theirs ({@code ServiceDeskPagesTest} compares the quick-edit cells).
 */
record QueueLine(long id, String number, String subject, String customer, String queueName, String rowClass,
		String deadlineClass, String deadlineTitle, String deadlineText, boolean firstResponseMissed, Cell status,
		Cell priority, Cell assignee) {

	/**
	 * A quick-edit cell (as {@code service/ticket/inline :: cell}): its id, its edit
	 * link's path, the link's label, the value's badge class (none for the assignee) and
	 * text.
	 */
	record Cell(String id, boolean editable, String href, String ariaLabel, String badgeClass, String text) {

		/** The cell's id as a CSS selector (htmx's target). */
		public String target() {
			return "#" + id;
		}

	}

	static QueueLine of(QueueRow t, Instant now, Formats fmt, MessageSource messages, Locale locale) {
		SlaDeadline d = t.deadline(now);
		String tint = d.tint();
		String due = d.dueAt() == null ? null : fmt.dateTime(d.dueAt());
		String deadlineText = due == null ? msg(messages, locale, "sla.state.NONE")
				: msg(messages, locale, "sla.target." + d.target()) + " · "
						+ msg(messages, locale, "sla.state." + d.state()) + " · " + due;
		boolean editable = t.status() != TicketStatus.CLOSED;
		String status = msg(messages, locale, "ticket.status." + t.status());
		String priority = msg(messages, locale, "ticket.priority." + t.priority());
		String assignee = t.assigneeName() != null ? t.assigneeName() : msg(messages, locale, "ticket.unassigned");
		return new QueueLine(t.id(), t.number(), t.subject(),
				t.contactName() != null ? t.contactName() : t.accountName(), t.queueName(),
				tint.isEmpty() ? "queue-row" : "queue-row " + tint,
				"badge sla-badge " + TicketBadges.slaClass(d.state()), due == null ? "" : due, deadlineText,
				d.firstResponseMissed(),
				cell(t, "status", editable, "badge " + TicketBadges.statusClass(t.status()), status, messages, locale),
				cell(t, "priority", editable, "badge " + TicketBadges.priorityClass(t.priority()), priority, messages,
						locale),
				cell(t, "assignee", editable, null, assignee, messages, locale));
	}

	private static Cell cell(QueueRow t, String field, boolean editable, String badgeClass, String shown,
			MessageSource messages, Locale locale) {
		String label = msg(messages, locale, "ticket." + field);
		return new Cell("ticket-" + t.id() + "-" + field, editable, "/service/tickets/" + t.id() + "/inline/" + field,
				messages.getMessage("inline.change", new Object[] { label, shown }, locale), badgeClass, shown);
	}

	private static String msg(MessageSource messages, Locale locale, String code) {
		return messages.getMessage(code, null, locale);
	}

}
