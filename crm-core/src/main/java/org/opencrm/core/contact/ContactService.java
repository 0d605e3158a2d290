package org.opencrm.core.contact;

import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.ContactCreated;
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

	private final TaskService tasks;

	private final TimelineService timeline;

	private final Clock clock;

	private final DeletionChecks deletions;

	ContactService(ContactRepository contacts, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
			AccountAccess access, TaskService tasks, TimelineService timeline, Clock clock, DeletionChecks deletions) {
		this.contacts = contacts;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.access = access;
		this.tasks = tasks;
		this.timeline = timeline;
		this.clock = clock;
		this.deletions = deletions;
	}

	/**
	 * A user creates a person: at an account they may see (else "not found"), owned by
	 * themselves or their team.
	 */
	@Transactional
	public long create(ContactCommand cmd, Visibility visibility) {
		if (cmd.accountId() != null) {
			access.requireAccount(cmd.accountId(), visibility);
		}
		access.requireAssignable(cmd.ownerId(), visibility);
		return create(cmd);
	}

	/**
	 * Creates a person for a system flow (lead conversion, e-mail, portal) that chose
	 * account and owner itself.
	 */
	@Transactional
	public long create(ContactCommand cmd) {
		References.requireAccount(jdbc, cmd.accountId());
		Contact contact = contacts.save(new Contact(cmd, clock.instant()));
		audit.created(AUDIT_TYPE, contact.getId());
		events.publishEvent(new ContactCreated(contact.getId(), contact.getAccountId(), contact.getEmail()));
		return contact.getId();
	}

	@Transactional
	public void update(long id, ContactCommand cmd, Visibility visibility) {
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
		var stageBefore = contact.getLifecycleStage();
		contact.apply(cmd, clock.instant());
		audit.changed(AUDIT_TYPE, id, before, contact.snapshot());
		if (stageBefore != contact.getLifecycleStage()) {
			events.publishEvent(
					new LifecycleStageChanged(AUDIT_TYPE, id, stageBefore.name(), contact.getLifecycleStage().name()));
		}
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
		withdraw(contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id)));
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
		if (email == null || email.isBlank()) {
			return 0;
		}
		int changed = 0;
		for (Contact contact : contacts.findConsentingByEmail(email.trim().toLowerCase())) {
			changed += withdraw(contact) ? 1 : 0;
		}
		return changed;
	}

	private boolean withdraw(Contact contact) {
		var before = contact.snapshot();
		if (!contact.withdrawEmailConsent(clock.instant())) {
			return false;
		}
		audit.changed(AUDIT_TYPE, contact.getId(), before, contact.snapshot());
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
		audit.changed(AUDIT_TYPE, id, before, contact.snapshot());
		contacts.flush();
		return true;
	}

}
