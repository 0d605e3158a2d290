package org.opencrm.core.account;

import java.util.List;
import java.util.Optional;
import java.util.Objects;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.access.DeletionChecks;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.event.AccountCreated;
import org.opencrm.core.event.CoreRecordChanged;
import org.opencrm.core.event.LifecycleStageChanged;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.Visibility;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Companies: create, change, delete, find look-alikes, and list by keyset. Whatever a
 * user asks about or changes by id goes through their {@link Visibility}
 * ({@link AccountAccess}): an account outside it is "not found", exactly like one that
 * doesn't exist, so no web path can skip the rule.
 */
@Service
public class AccountService {

	static final String AUDIT_TYPE = "account";

	private final AccountRepository accounts;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final AccountAccess access;

	private final Notifications notifications;

	private final TaskService tasks;

	private final TimelineService timeline;

	private final DeletionChecks deletions;

	AccountService(AccountRepository accounts, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
			AccountAccess access, TaskService tasks, TimelineService timeline, DeletionChecks deletions,
			Notifications notifications) {
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.access = access;
		this.tasks = tasks;
		this.timeline = timeline;
		this.deletions = deletions;
		this.notifications = notifications;
	}

	/**
	 * A user creates an account: they may own it themselves or give it to their team
	 * only.
	 */
	@Transactional
	public long create(AccountCommand cmd, Visibility visibility) {
		access.requireAssignable(cmd.ownerId(), visibility);
		long id = create(cmd);
		if (cmd.ownerId() != null) {
			notifications.notify(Notification
				.to(cmd.ownerId(), NotificationKind.ASSIGNMENT, "notification.assigned.account", cmd.name().strip())
				.about(AUDIT_TYPE, id));
		}
		return id;
	}

	/**
	 * Creates an account for a system flow (lead conversion, import) that chose its owner
	 * itself.
	 */
	@Transactional
	public long create(AccountCommand cmd) {
		Account account = accounts.save(new Account(cmd));
		audit.created(AUDIT_TYPE, account.getId());
		events.publishEvent(new AccountCreated(account.getId(), account.getName()));
		events.publishEvent(CoreRecordChanged.created(AUDIT_TYPE, account.getId()));
		return account.getId();
	}

	@Transactional
	public void update(long id, AccountCommand cmd, Visibility visibility) {
		access.requireAccount(id, visibility);
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		account.checkVersion(cmd.version());
		if (!Objects.equals(account.getOwnerId(), cmd.ownerId())) {
			access.requireAssignable(cmd.ownerId(), visibility);
		}
		var before = account.snapshot();
		account.apply(cmd);
		changed(account, before);
	}

	/**
	 * A workflow rule sets one field (name, industry, country, lifecycle stage): the
	 * version moves, the field history, the stage's event and rules see it as any edit.
	 */
	@Transactional
	public void setFieldByRule(long id, String field, String value) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		var before = account.snapshot();
		account.setByRule(field, value);
		changed(account, before);
	}

	/**
	 * A workflow rule gives the account to another owner (the owner rule checked when the
	 * rule was saved, and again here); the new owner is told.
	 */
	@Transactional
	public void assignByRule(long id, long ownerId) {
		access.requireAssignable(ownerId, Visibility.all());
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		var before = account.snapshot();
		account.giveTo(ownerId);
		changed(account, before);
	}

	/**
	 * Adds tags to an account (a workflow rule): normalised like typed tags, in the field
	 * history when any was new. Returns whether the account changed.
	 */
	@Transactional
	public boolean addTags(long id, java.util.Collection<String> tags) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		var before = account.snapshot();
		if (!account.addTags(tags)) {
			return false;
		}
		changed(account, before);
		return true;
	}

	/**
	 * After a change of {@code account}: its field history, the new owner told, the
	 * stage's event, workflow rules; flushed now so a concurrent edit fails here, inside
	 * the service, as a version conflict.
	 */
	private void changed(Account account, java.util.Map<String, String> before) {
		long id = account.getId();
		var after = account.snapshot();
		audit.changed(AUDIT_TYPE, id, before, after);
		String ownerBefore = before.get("ownerId");
		if (account.getOwnerId() != null && !account.getOwnerId().toString().equals(ownerBefore)) {
			notifications.notify(
					Notification
						.to(account.getOwnerId(), NotificationKind.ASSIGNMENT, "notification.assigned.account",
								account.getName())
						.about(AUDIT_TYPE, id));
		}
		String stageBefore = before.get("lifecycleStage");
		if (!Objects.equals(stageBefore, after.get("lifecycleStage"))) {
			events.publishEvent(
					new LifecycleStageChanged(AUDIT_TYPE, id, stageBefore, account.getLifecycleStage().name()));
		}
		events.publishEvent(CoreRecordChanged.updated(AUDIT_TYPE, id, before, after));
		accounts.flush();
	}

	/**
	 * Deletes an account that has no contacts left; its timeline and tasks go with it.
	 * Refused, with what holds it, while deals, tickets or upcoming appointments do; what
	 * stands on its own is detached ({@link DeletionChecks}).
	 */
	@Transactional
	public void delete(long id, long version, Visibility visibility) {
		access.requireAccount(id, visibility);
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		account.checkVersion(version);
		long contacts = jdbc.sql("select count(*) from contacts where account_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		if (contacts > 0) {
			throw new AccountHasContactsException(id, contacts);
		}
		deletions.clearAccount(id);
		tasks.deleteAboutAccount(id);
		timeline.forgetAccount(id);
		accounts.delete(account);
		audit.deleted(AUDIT_TYPE, id);
	}

	/**
	 * The account, if {@code visibility} may see it (the rule is part of the one query).
	 */
	@Transactional(readOnly = true)
	public AccountDetails details(long id, Visibility visibility) {
		return find(id, visibility).orElseThrow(() -> new NotFoundException("Account", id));
	}

	/**
	 * The account for its own page, without counting its contacts: the page's contact
	 * section counts them (capped, {@code ContactList}), and counting all of them here as
	 * well read every contact of a large account twice per view ({@code contactCount} is
	 * null).
	 */
	@Transactional(readOnly = true)
	public AccountDetails header(long id, Visibility visibility) {
		return find(id, visibility, false).orElseThrow(() -> new NotFoundException("Account", id));
	}

	/**
	 * The account, if there is one {@code visibility} may see; for flows (an import) that
	 * handle a missing one themselves.
	 */
	@Transactional(readOnly = true)
	public Optional<AccountDetails> find(long id, Visibility visibility) {
		return find(id, visibility, true);
	}

	private Optional<AccountDetails> find(long id, Visibility visibility, boolean countContacts) {
		SqlWhere where = AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a").and("a.id = :id", "id", id);
		String contactCount = countContacts ? "(select count(*) from contacts c where c.account_id = a.id)"
				: "null::bigint";
		return where.bind(jdbc.sql("""
				select a.id, a.name, a.domain, a.industry, a.phone, a.email, a.website, a.street, a.city,
				       a.postal_code, a.country, a.lifecycle_stage, a.owner_id, u.full_name as owner_name, a.tags,
				       %s as contact_count, a.version, a.created_at, a.updated_at, a.external_id,
				       (select m.moved from account_owner_moves m where m.account_id = a.id) as contacts_moved
				from accounts a left join users u on u.id = a.owner_id
				""".formatted(contactCount) + where.sql())).query(AccountMappers.DETAILS).optional();
	}

	/**
	 * Accounts with the same web domain, or a name similar enough to be the same company
	 * — among those {@code visibility} may see. Ones the user can't open aren't hinted at
	 * either: "a similar account exists" would answer, name by name, what the 404 keeps
	 * secret.
	 */
	@Transactional(readOnly = true)
	public List<AccountMatch> findDuplicates(String name, String domain, Long excludeId, Visibility visibility) {
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		SqlWhere where = AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a")
			.and("a.id <> :exclude")
			.and("((:domain <> '' and lower(a.domain) = :domain) or (a.sort_name % :name and similarity(a.sort_name, :name) >= 0.6))");
		return where.bind(jdbc.sql("""
				select a.id, a.name, a.domain,
				       case when :domain <> '' and lower(a.domain) = :domain then 'domain' else 'name' end as reason
				from accounts a
				%s
				order by similarity(a.sort_name, :name) desc, a.id
				limit 5
				""".formatted(where.sql())))
			.param("domain", domain == null ? "" : domain.trim().toLowerCase())
			.param("name", TextQuery.normalise(name))
			.param("exclude", excludeId == null ? -1L : excludeId)
			.query(Rows.of(AccountMatch.class))
			.list();
	}

	/**
	 * Accounts {@code visibility} may see whose name starts like the text typed, for
	 * pick-lists.
	 */
	@Transactional(readOnly = true)
	public List<AccountRef> suggest(String typed, int limit, Visibility visibility) {
		String q = TextQuery.normalise(typed);
		if (q.isEmpty()) {
			return List.of();
		}
		SqlWhere where = AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a").and("a.sort_name like :q");
		return where
			.bind(jdbc.sql("select a.id, a.name, a.domain, a.city from accounts a " + where.sql()
					+ " order by a.sort_name, a.id limit :limit"))
			.param("q", q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.param("limit", limit)
			.query(Rows.of(AccountRef.class))
			.list();
	}

	@Transactional(readOnly = true)
	public KeysetPage<AccountRow> list(AccountFilter filter, String cursor, int pageSize) {
		return list(filter, Visibility.all(), cursor, pageSize);
	}

	/** The accounts list as {@code visibility} may see it ({@link AccountAccess}). */
	@Transactional(readOnly = true)
	public KeysetPage<AccountRow> list(AccountFilter filter, Visibility visibility, String cursor, int pageSize) {
		SqlWhere where = AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a");
		String tsq = TextQuery.prefix(filter.q());
		if (tsq != null) {
			where.and("a.search @@ to_tsquery('simple', :tsq)", "tsq", tsq);
		}
		if (filter.ownerId() != null) {
			where.and("a.owner_id = :owner", "owner", filter.ownerId());
		}
		if (filter.stage() != null) {
			where.and("a.lifecycle_stage = :stage", "stage", filter.stage().name());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			where.and("a.tags @> array[:tag]::text[]", "tag", filter.tag().trim().toLowerCase());
		}
		var total = where.cappedCount(jdbc, "accounts a");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = filter.sort() == AccountFilter.Sort.NAME ? KeysetSort.text("a.sort_name")
				: KeysetSort.newestFirst("a.created_at");
		String orderBy = sort.orderBy(where, c, "a.id");
		String sql = """
				select a.id, a.name, a.industry, a.city, a.country, a.lifecycle_stage, u.full_name as owner_name,
				       (select count(*) from contacts c where c.account_id = a.id) as contact_count,
				       a.version, %s as sort_key, a.external_id
				from accounts a left join users u on u.id = a.owner_id
				%s %s
				limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<AccountRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(Rows.of(AccountRow.class))
			.list();
		return Keyset.page(rows, pageSize, c, AccountRow::sortKey, AccountRow::id, total);
	}

}
