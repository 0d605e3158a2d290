package org.opencrm.core.account;

import java.util.List;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.AccountCreated;
import org.opencrm.core.event.LifecycleStageChanged;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.Visibility;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Companies: create, change, delete, find look-alikes, and list by keyset. */
@Service
public class AccountService {

	static final String AUDIT_TYPE = "account";

	private final AccountRepository accounts;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final TaskService tasks;

	private final TimelineService timeline;

	AccountService(AccountRepository accounts, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
			TaskService tasks, TimelineService timeline) {
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.timeline = timeline;
	}

	@Transactional
	public long create(AccountCommand cmd) {
		Account account = accounts.save(new Account(cmd));
		audit.created(AUDIT_TYPE, account.getId());
		events.publishEvent(new AccountCreated(account.getId(), account.getName()));
		return account.getId();
	}

	@Transactional
	public void update(long id, AccountCommand cmd) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		account.checkVersion(cmd.version());
		var before = account.snapshot();
		var stageBefore = account.getLifecycleStage();
		account.apply(cmd);
		audit.changed(AUDIT_TYPE, id, before, account.snapshot());
		if (stageBefore != account.getLifecycleStage()) {
			events.publishEvent(new LifecycleStageChanged(AUDIT_TYPE, id, stageBefore.name(),
					account.getLifecycleStage().name()));
		}
		// Flush now so a concurrent edit fails here, inside the service, as a version conflict.
		accounts.flush();
	}

	/** Deletes an account that has no contacts left; its timeline and tasks go with it. */
	@Transactional
	public void delete(long id, long version) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		account.checkVersion(version);
		long contacts = jdbc.sql("select count(*) from contacts where account_id = ?").param(id).query(Long.class).single();
		if (contacts > 0) {
			throw new AccountHasContactsException(id, contacts);
		}
		tasks.deleteAboutAccount(id);
		timeline.forgetAccount(id);
		accounts.delete(account);
		audit.deleted(AUDIT_TYPE, id);
	}

	@Transactional(readOnly = true)
	public AccountDetails details(long id) {
		return jdbc.sql("""
				select a.id, a.name, a.domain, a.industry, a.phone, a.email, a.website, a.street, a.city,
				       a.postal_code, a.country, a.lifecycle_stage, a.owner_id, u.full_name as owner_name, a.tags,
				       (select count(*) from contacts c where c.account_id = a.id) as contact_count,
				       a.version, a.created_at, a.updated_at
				from accounts a left join users u on u.id = a.owner_id
				where a.id = ?
				""").param(id).query(AccountMappers.DETAILS).optional().orElseThrow(() -> new NotFoundException("Account", id));
	}

	/** Accounts with the same web domain, or a name similar enough to be the same company. */
	@Transactional(readOnly = true)
	public List<AccountMatch> findDuplicates(String name, String domain, Long excludeId) {
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		return jdbc.sql("""
				select id, name, domain,
				       case when :domain <> '' and lower(domain) = :domain then 'domain' else 'name' end as reason
				from accounts
				where (id <> :exclude)
				  and ((:domain <> '' and lower(domain) = :domain) or (sort_name % :name and similarity(sort_name, :name) >= 0.6))
				order by similarity(sort_name, :name) desc, id
				limit 5
				""")
			.param("domain", domain == null ? "" : domain.trim().toLowerCase())
			.param("name", TextQuery.normalise(name))
			.param("exclude", excludeId == null ? -1L : excludeId)
			.query(AccountMatch.class)
			.list();
	}

	/** Accounts whose name starts like the text typed, for pick-lists. */
	@Transactional(readOnly = true)
	public List<AccountRef> suggest(String typed, int limit) {
		String q = TextQuery.normalise(typed);
		if (q.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select id, name from accounts where sort_name like :q order by sort_name, id limit :limit")
			.param("q", q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.param("limit", limit)
			.query(AccountRef.class)
			.list();
	}

	/** Finds accounts by exact name (any case): none, one, or several that need telling apart. */
	@Transactional(readOnly = true)
	public List<AccountRef> findByName(String name) {
		return jdbc.sql("select id, name from accounts where sort_name = ? order by id limit 5")
			.param(TextQuery.normalise(name))
			.query(AccountRef.class)
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
				       %s as sort_key
				from accounts a left join users u on u.id = a.owner_id
				%s %s
				limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<AccountRow> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query(AccountRow.class).list();
		return Keyset.page(rows, pageSize, c, AccountRow::sortKey, AccountRow::id, total);
	}
}
