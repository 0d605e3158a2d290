package org.opencrm.core.workflow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.mail.RenderedMail;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.TaskService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A rule's actions on one record, in the run's transaction, each through the service that
 * owns what it changes: the record type's port (assign, set field, add tag where the
 * record has tags), core's {@link TaskService}, {@link ContactService} (tags on the
 * record's contact otherwise), {@link Notifications} (kind WORKFLOW), the mail outbox (a
 * template merged by its module) and {@link WebhookDeliveries}. Returns what was done, as
 * action codes (an action with nobody to do it for is {@code CODE:skipped}).
 */
@Component
class WorkflowActions {

	private final TaskService tasks;

	private final ContactService contacts;

	private final Notifications notifications;

	private final Mails mails;

	private final ObjectProvider<WorkflowTemplates> templates;

	private final WebhookDeliveries webhooks;

	private final JdbcClient jdbc;

	private final Clock clock;

	WorkflowActions(TaskService tasks, ContactService contacts, Notifications notifications, Mails mails,
			ObjectProvider<WorkflowTemplates> templates, WebhookDeliveries webhooks, JdbcClient jdbc, Clock clock) {
		this.tasks = tasks;
		this.contacts = contacts;
		this.notifications = notifications;
		this.mails = mails;
		this.templates = templates;
		this.webhooks = webhooks;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<String> perform(RuleSpec rule, WorkflowRecordType type, WorkflowRecord record, long runId) {
		List<String> done = new ArrayList<>();
		for (ActionSpec a : rule.actions()) {
			boolean did = switch (a.type()) {
				case ASSIGN -> {
					type.assign(record.id(), a.userId());
					yield true;
				}
				case SET_FIELD -> {
					type.setField(record.id(), a.field(), a.value() == null ? null : a.value().trim());
					yield true;
				}
				// A task is about a customer or a record (a lead): with neither, none.
				case CREATE_TASK ->
					record.accountId() == null && record.contactId() == null && record.relatedRef() == null ? false
							: recipient(a, record).map(user -> {
								int days = a.value() == null || a.value().isBlank() ? 1
										: Integer.parseInt(a.value().trim());
								tasks.create(new CreateTask(a.text(), null, clock.instant().plus(Duration.ofDays(days)),
										user, record.accountId(), record.contactId(), record.relatedRef()));
								return true;
							}).orElse(false);
				case NOTIFY -> recipient(a, record).map(user -> {
					notifications.notify(Notification
						.to(user, NotificationKind.WORKFLOW, "notification.workflow", rule.name(), a.text())
						.about(record.type(), record.id()));
					return true;
				}).orElse(false);
				case SEND_EMAIL -> mail(a, record);
				// A record with tags of its own (account, contact) gets it; else the
				// record's contact does. Either way through its service (field history,
				// version).
				case ADD_TAG -> {
					String tag = Tags.parse(a.value()).get(0);
					if (type.tagged()) {
						type.addTag(record.id(), tag);
						yield true;
					}
					if (record.contactId() == null) {
						yield false;
					}
					contacts.addTags(record.contactId(), List.of(tag));
					yield true;
				}
				case WEBHOOK -> {
					webhooks.enqueue(rule.id(), runId, a.value().trim(), payload(rule, record));
					yield true;
				}
			};
			done.add(did ? a.type().name() : a.type().name() + ":skipped");
		}
		return done;
	}

	private boolean mail(ActionSpec a, WorkflowRecord record) {
		WorkflowTemplates source = templates.getIfAvailable();
		Optional<String> to = record.contactId() == null ? Optional.empty()
				: jdbc.sql("select email from contacts where id = ? and email is not null")
					.param(record.contactId())
					.query(String.class)
					.optional();
		if (source == null || to.isEmpty()) {
			return false;
		}
		RenderedMail content = source.render(Long.parseLong(a.value().trim()), record.contactId());
		mails.enqueue(OutgoingMail.to(to.get(), MailKind.SALES, "workflow")
			.withContent(content)
			.about(record.type(), record.id()));
		return true;
	}

	private Optional<Long> recipient(ActionSpec a, WorkflowRecord record) {
		return switch (a.recipient()) {
			case USER -> Optional.ofNullable(a.userId());
			case OWNER -> Optional.ofNullable(record.ownerId());
			case MANAGER -> jdbc.sql("""
					select m.id from users m
					where m.role = 'MANAGER' and m.enabled
					order by (m.team_id is not distinct from (select u.team_id from users u where u.id = ?)
					          and m.team_id is not null) desc, m.id
					limit 1
					""").param(record.ownerId() == null ? -1L : record.ownerId()).query(Long.class).optional();
		};
	}

	/** What a webhook receives: the rule, the record and its fields. */
	private static Map<String, Object> payload(RuleSpec rule, WorkflowRecord record) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rule", Map.of("id", rule.id(), "name", rule.name()));
		body.put("recordType", record.type());
		body.put("recordId", record.id());
		body.put("label", record.label());
		body.put("fields", new java.util.TreeMap<>(record.values()));
		return body;
	}

}
