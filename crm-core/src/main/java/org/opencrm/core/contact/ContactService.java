package org.opencrm.core.contact;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;
import static org.opencrm.core.shared.Rows.textArray;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.event.ContactCreated;
import org.opencrm.core.event.LifecycleStageChanged;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.access.DeletionChecks;
import org.opencrm.core.user.Visibility;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People: create, change, delete, find look-alikes, look up by phone or e-mail, and list
 * by keyset. What a user reads or changes by id goes through their {@link Visibility}
 * ({@link AccountAccess}): a person outside it is "not found", like one who doesn't
 * exist.
 */
@Service
public class ContactService {

	static final String AUDIT_TYPE = "contact";

	private static final RowMapper<ContactDetails> DETAILS = (rs, n) -> new ContactDetails(rs.getLong("id"),
			rs.getString("first_name"), rs.getString("last_name"), rs.getString("title"), rs.getString("email"),
			rs.getString("phone"), rs.getString("mobile"), rs.getString("street"), rs.getString("city"),
			rs.getString("postal_code"), rs.getString("country"), longOrNull(rs, "account_id"),
			rs.getString("account_name"), LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
			longOrNull(rs, "owner_id"), rs.getString("owner_name"), textArray(rs, "tags"),
			rs.getBoolean("consent_email"), rs.getBoolean("consent_phone"), instantOrNull(rs, "consent_updated_at"),
			instantOrNull(rs, "last_activity_at"), rs.getLong("version"), instantOrNull(rs, "created_at"),
			instantOrNull(rs, "updated_at"));

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

	ContactService(ContactRepository contacts, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
			AccountAccess access, TaskService tasks, TimelineService timeline, Clock clock, DeletionChecks deletions,
			Notifications notifications) {
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
		if (cmd.accountId() != null) {
			access.requireAccount(cmd.accountId(), visibility);
		}
		access.requireAssignable(cmd.ownerId(), visibility);
		long id = create(cmd);
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
		Long ownerBefore = contact.getOwnerId();
		contact.apply(cmd, clock.instant());
		audit.changed(AUDIT_TYPE, id, before, contact.snapshot());
		if (contact.getOwnerId() != null && !contact.getOwnerId().equals(ownerBefore)) {
			notifications.notify(
					Notification
						.to(contact.getOwnerId(), NotificationKind.ASSIGNMENT, "notification.assigned.contact",
								contact.fullName())
						.about(AUDIT_TYPE, id));
		}
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

	/**
	 * The person, if {@code visibility} may see them (the rule is part of the one query).
	 */
	@Transactional(readOnly = true)
	public ContactDetails details(long id, Visibility visibility) {
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), visibility, "c").and("c.id = :id", "id", id);
		return where.bind(jdbc.sql("""
				select c.*, a.name as account_name, u.full_name as owner_name
				from contacts c
				left join accounts a on a.id = c.account_id
				left join users u on u.id = c.owner_id
				""" + where.sql())).query(DETAILS).optional().orElseThrow(() -> new NotFoundException("Contact", id));
	}

	/**
	 * Contacts that may be the person being entered: the same e-mail anywhere, or a
	 * similar name (trigram similarity) at the same account — among those
	 * {@code visibility} may see (see
	 * {@link org.opencrm.core.account.AccountService#findDuplicates} for why not even a
	 * hint).
	 */
	@Transactional(readOnly = true)
	public List<ContactMatch> findDuplicates(String email, String firstName, String lastName, Long accountId,
			Long excludeId, Visibility visibility) {
		// Trigram look-ups flip to a slow generic plan after five runs of a prepared
		// statement.
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), visibility, "c").and("c.id <> :exclude").and("""
				((:email <> '' and lower(c.email) = :email)
				 or (c.account_id = :account and c.full_name % :name and similarity(c.full_name, :name) >= 0.5))""");
		return where.bind(jdbc.sql("""
				select c.id, c.first_name, c.last_name, c.email, a.name as account_name,
				       case when :email <> '' and lower(c.email) = :email then 'email' else 'name' end as reason
				from contacts c left join accounts a on a.id = c.account_id
				%s
				order by reason, c.id
				limit 5
				""".formatted(where.sql())))
			.param("email", email == null ? "" : email.trim().toLowerCase())
			.param("name", TextQuery.normalise(firstName + " " + lastName))
			.param("account", accountId == null ? -1L : accountId)
			.param("exclude", excludeId == null ? -1L : excludeId)
			.query(ContactMatch.class)
			.list();
	}

	/**
	 * The first contact with this phone number (digits compared, see
	 * {@code phone_digits}) or e-mail address (any case); for mail and portal flows that
	 * need one person. People pick from several matches with
	 * {@link org.opencrm.core.search.CustomerLookup}.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> findByPhoneOrEmail(String typed) {
		String t = typed == null ? "" : typed.trim();
		if (t.contains("@")) {
			return jdbc.sql("select id from contacts where lower(email) = lower(?) order by id limit 1")
				.param(t)
				.query(Long.class)
				.optional();
		}
		String digits = TextQuery.phoneDigits(t);
		if (digits.length() < TextQuery.MIN_PHONE_DIGITS) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select id from contacts where phone_digits(phone) = :d or phone_digits(mobile) = :d order by id limit 1
				""").param("d", digits).query(Long.class).optional();
	}

	@Transactional(readOnly = true)
	public KeysetPage<ContactRow> list(ContactFilter filter, String cursor, int pageSize) {
		return list(filter, Visibility.all(), cursor, pageSize);
	}

	/** The contacts list as {@code visibility} may see it ({@link AccountAccess}). */
	@Transactional(readOnly = true)
	public KeysetPage<ContactRow> list(ContactFilter filter, Visibility visibility, String cursor, int pageSize) {
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), visibility, "c");
		String tsq = TextQuery.prefix(filter.q());
		if (tsq != null) {
			where.and("c.search @@ to_tsquery('simple', :tsq)", "tsq", tsq);
		}
		if (filter.ownerId() != null) {
			where.and("c.owner_id = :owner", "owner", filter.ownerId());
		}
		if (filter.stage() != null) {
			where.and("c.lifecycle_stage = :stage", "stage", filter.stage().name());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			where.and("c.tags @> array[:tag]::text[]", "tag", filter.tag().trim().toLowerCase());
		}
		if (filter.accountId() != null) {
			where.and("c.account_id = :account", "account", filter.accountId());
		}
		var total = where.cappedCount(jdbc, "contacts c");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = filter.sort() == ContactFilter.Sort.NAME ? KeysetSort.text("c.sort_name")
				: KeysetSort.newestFirst("c.created_at");
		String orderBy = sort.orderBy(where, c, "c.id");
		String sql = """
				select c.id, c.first_name, c.last_name, c.email, c.phone, c.account_id, a.name as account_name,
				       c.lifecycle_stage, u.full_name as owner_name, %s as sort_key
				from contacts c
				left join accounts a on a.id = c.account_id
				left join users u on u.id = c.owner_id
				%s %s
				limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<ContactRow> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query(ContactRow.class).list();
		return Keyset.page(rows, pageSize, c, ContactRow::sortKey, ContactRow::id, total);
	}

}
