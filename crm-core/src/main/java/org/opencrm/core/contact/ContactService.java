package org.opencrm.core.contact;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.event.ContactCreated;
import org.opencrm.core.event.CoreRecordChanged;
import org.opencrm.core.event.LifecycleStageChanged;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.References;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.access.DeletionChecks;
import org.opencrm.core.user.Visibility;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes people: create, change, delete, and the changes other modules ask for (consent
 * withdrawn, tags added), each with its field history and events. What a user changes by
 * id goes through their {@link Visibility} ({@link AccountAccess}): a person outside it
 * is "not found", like one who doesn't exist. Reading is {@link ContactLookup} (one
 * person) and {@link ContactList} (the list).
 */
@Service
public class ContactService {

	static final String AUDIT_TYPE = "contact";

	private final ContactRepository contacts;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final AccountAccess access;

	private final Notifications notifications;

	private final TaskService tasks;

	private final TimelineService timeline;

	private final Clock clock;

	private final DeletionChecks deletions;

	private final ConsentLog consentLog;

	ContactService(ContactRepository contacts, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
			AccountAccess access, TaskService tasks, TimelineService timeline, Clock clock, DeletionChecks deletions,
			ConsentLog consentLog, Notifications notifications) {
		this.consentLog = consentLog;
		this.contacts = contacts;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.access = access;
		this.tasks = tasks;
		this.timeline = timeline;
		this.clock = clock;
		this.deletions = deletions;
		this.notifications = notifications;
	}

	/**
	 * A user creates a person: at an account they may see (else "not found"), owned by
	 * themselves or their team.
	 */
	@Transactional
	public long create(ContactCommand cmd, Visibility visibility) {
		return create(cmd, visibility, ConsentNote.of(ConsentSource.MANUAL));
	}

	/**
	 * As {@link #create(ContactCommand, Visibility)}, logging the consent given with
	 * where it came from and the words shown.
	 */
	@Transactional
	public long create(ContactCommand cmd, Visibility visibility, ConsentNote consent) {
		if (cmd.accountId() != null) {
			access.requireAccount(cmd.accountId(), visibility);
		}
		access.requireAssignable(cmd.ownerId(), visibility);
		long id = create(cmd, consent);
		if (cmd.ownerId() != null) {
			notifications.notify(
					Notification
						.to(cmd.ownerId(), NotificationKind.ASSIGNMENT, "notification.assigned.contact",
								(cmd.firstName().strip() + " " + cmd.lastName().strip()).strip())
						.about(AUDIT_TYPE, id));
		}
		return id;
	}

	/**
	 * Creates a person for a system flow (lead conversion, e-mail, portal) that chose
	 * account and owner itself.
	 */
	@Transactional
	public long create(ContactCommand cmd) {
		return create(cmd, ConsentNote.of(ConsentSource.SYSTEM));
	}

	/** A system flow's person (a form, an import), with its consent's source. */
	@Transactional
	public long create(ContactCommand cmd, ConsentNote consent) {
		References.requireAccount(jdbc, cmd.accountId());
		Contact contact = contacts.save(new Contact(cmd, clock.instant()));
		consentLog.record(contact.getId(), contact.initialConsents(), consent, clock.instant());
		audit.created(AUDIT_TYPE, contact.getId());
		events.publishEvent(new ContactCreated(contact.getId(), contact.getAccountId(), contact.getEmail()));
		events.publishEvent(CoreRecordChanged.created(AUDIT_TYPE, contact.getId()));
		return contact.getId();
	}

	@Transactional
	public void update(long id, ContactCommand cmd, Visibility visibility) {
		update(id, cmd, visibility, ConsentNote.of(ConsentSource.MANUAL));
	}

	/**
	 * Changes a person; a change of consent lands in the consent log with
	 * {@code consent}'s source and words.
	 */
	@Transactional
	public void update(long id, ContactCommand cmd, Visibility visibility, ConsentNote consent) {
		access.requireContact(id, visibility);
		Contact contact = contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id));
		contact.checkVersion(cmd.version());
		if (cmd.accountId() != null) {
			// Moving a person to an account they can't see would hand the person over to
			// its owner.
			access.requireAccount(cmd.accountId(), visibility);
		}
		if (!Objects.equals(contact.getOwnerId(), cmd.ownerId())) {
			access.requireAssignable(cmd.ownerId(), visibility);
		}
		var before = contact.snapshot();
		List<ConsentChange> consentChanges = contact.apply(cmd, clock.instant());
		consentLog.record(id, consentChanges, consent, clock.instant());
		changed(contact, before);
	}

	/**
	 * A workflow rule sets one field (job title, lifecycle stage): the version moves, the
	 * field history, the stage's event and rules see it as any edit.
	 */
	@Transactional
	public void setFieldByRule(long id, String field, String value) {
		Contact contact = contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id));
		var before = contact.snapshot();
		contact.setByRule(field, value);
		changed(contact, before);
	}

	/**
	 * A workflow rule gives the person to another owner (the owner rule checked when the
	 * rule was saved, and again here); the new owner is told.
	 */
	@Transactional
	public void assignByRule(long id, long ownerId) {
		access.requireAssignable(ownerId, Visibility.all());
		Contact contact = contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id));
		var before = contact.snapshot();
		contact.giveTo(ownerId);
		changed(contact, before);
	}

	/**
	 * After a change of {@code contact}: its field history, the new owner told, the
	 * stage's event, workflow rules; flushed now so a concurrent edit fails here as a
	 * version conflict.
	 */
	private void changed(Contact contact, Map<String, String> before) {
		long id = contact.getId();
		var after = contact.snapshot();
		audit.changed(AUDIT_TYPE, id, before, after);
		String ownerBefore = before.get("ownerId");
		if (contact.getOwnerId() != null && !contact.getOwnerId().toString().equals(ownerBefore)) {
			notifications.notify(
					Notification
						.to(contact.getOwnerId(), NotificationKind.ASSIGNMENT, "notification.assigned.contact",
								contact.fullName())
						.about(AUDIT_TYPE, id));
		}
		String stageBefore = before.get("lifecycleStage");
		if (!Objects.equals(stageBefore, after.get("lifecycleStage"))) {
			events.publishEvent(
					new LifecycleStageChanged(AUDIT_TYPE, id, stageBefore, contact.getLifecycleStage().name()));
		}
		events.publishEvent(CoreRecordChanged.updated(AUDIT_TYPE, id, before, after));
		contacts.flush();
	}

	/**
	 * Deletes a contact and its tasks. Timeline entries that also belong to an account
	 * stay there without the person; those about the person alone go. Refused, with what
	 * holds the person, while tickets, a portal sign-in or upcoming appointments do; what
	 * stands on its own (a converted lead, a deal, a survey answer) is detached
	 * ({@link DeletionChecks}).
	 */
	@Transactional
	public void delete(long id, long version, Visibility visibility) {
		access.requireContact(id, visibility);
		Contact contact = contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id));
		contact.checkVersion(version);
		deletions.clearContact(id);
		tasks.deleteAboutContact(id);
		timeline.forgetContact(id);
		contacts.delete(contact);
		audit.deleted(AUDIT_TYPE, id);
	}

	/**
	 * The person asked for no more marketing e-mail (an unsubscribe link): e-mail consent
	 * off, recorded in the field history. Nothing happens when consent is already off.
	 */
	@Transactional
	public void withdrawEmailConsent(long id) {
		withdrawEmailConsent(id, null);
	}

	/** As {@link #withdrawEmailConsent(long)}, logging the words of the link's page. */
	@Transactional
	public void withdrawEmailConsent(long id, String textShown) {
		withdraw(contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id)), textShown);
	}

	/**
	 * Every contact with this e-mail address (any case) stops getting marketing e-mail:
	 * people sharing an address share a mailbox, and whoever unsubscribed from it spoke
	 * for all of them. Each change moves the contact's version and lands in its field
	 * history, so an edit form opened before it conflicts instead of turning consent back
	 * on. Returns how many changed.
	 */
	@Transactional
	public int withdrawEmailConsent(String email) {
		return withdrawEmailConsent(email, null);
	}

	/** As {@link #withdrawEmailConsent(String)}, logging the words of the link's page. */
	@Transactional
	public int withdrawEmailConsent(String email, String textShown) {
		if (email == null || email.isBlank()) {
			return 0;
		}
		int changed = 0;
		for (Contact contact : contacts.findConsentingByEmail(email.trim().toLowerCase())) {
			changed += withdraw(contact, textShown) ? 1 : 0;
		}
		return changed;
	}

	private boolean withdraw(Contact contact, String textShown) {
		var before = contact.snapshot();
		if (!contact.withdrawEmailConsent(clock.instant())) {
			return false;
		}
		consentLog.record(contact.getId(), List.of(new ConsentChange(ConsentChange.Channel.EMAIL, false)),
				new ConsentNote(ConsentSource.UNSUBSCRIBE_LINK, textShown), clock.instant());
		var after = contact.snapshot();
		audit.changed(AUDIT_TYPE, contact.getId(), before, after);
		events.publishEvent(CoreRecordChanged.updated(AUDIT_TYPE, contact.getId(), before, after));
		contacts.flush();
		return true;
	}

	/**
	 * Adds tags to a contact (a nurture sequence's tag step, an import): normalised like
	 * typed tags, recorded in the field history when any was new. Returns whether the
	 * contact changed.
	 */
	@Transactional
	public boolean addTags(long id, Collection<String> tags) {
		Contact contact = contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id));
		var before = contact.snapshot();
		if (!contact.addTags(tags)) {
			return false;
		}
		var after = contact.snapshot();
		audit.changed(AUDIT_TYPE, id, before, after);
		events.publishEvent(CoreRecordChanged.updated(AUDIT_TYPE, id, before, after));
		contacts.flush();
		return true;
	}

	/** The person's consent log, newest first. */
	@Transactional(readOnly = true)
	public List<ConsentEntry> consentHistory(long id, int limit) {
		return consentLog.history(id, limit);
	}

	/**
	 * The last step of erasing a person (the privacy tools), after every module removed
	 * or detached what it keeps about them: the consent log and the contact row go,
	 * without the field history of a deletion. Nothing happens when the contact is gone.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void erase(long id) {
		consentLog.forget(id);
		contacts.findById(id).ifPresent(contact -> {
			contacts.delete(contact);
			contacts.flush();
		});
	}

}
