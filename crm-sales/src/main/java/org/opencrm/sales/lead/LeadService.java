package org.opencrm.sales.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.event.LeadConverted;
import org.opencrm.core.event.LeadCreated;
import org.opencrm.core.event.LeadOwnerChanged;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.opportunity.OpenOpportunity;
import org.opencrm.sales.opportunity.OpportunityOpener;
import org.opencrm.sales.shared.Scopes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads: capture, assignment, qualification, activities and conversion into account,
 * contact and deal. Leads outside the user's {@link Visibility} are "not found".
 */
@Service
public class LeadService {

	static final String AUDIT_TYPE = "lead";

	static final Set<String> LOGGABLE = Set.of("CALL", "MEETING", "NOTE", "EMAIL");

	private final JdbcClient jdbc;

	private final AssignmentRules rules;

	private final AccountService accounts;

	private final ContactService contacts;

	private final OpportunityOpener opportunities;

	private final TimelineService timeline;

	private final TaskService tasks;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final AccountAccess access;

	LeadService(JdbcClient jdbc, AssignmentRules rules, AccountService accounts, ContactService contacts,
			OpportunityOpener opportunities, TimelineService timeline, TaskService tasks, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock, AccountAccess access) {
		this.access = access;
		this.jdbc = jdbc;
		this.rules = rules;
		this.accounts = accounts;
		this.contacts = contacts;
		this.opportunities = opportunities;
		this.timeline = timeline;
		this.tasks = tasks;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Creates a lead. Without an owner the assignment rules choose one; when none
	 * matches, a user creating it by hand owns it (system captures stay unassigned for an
	 * admin to route).
	 */
	@Transactional
	public long create(LeadCommand cmd, Visibility visibility) {
		validate(cmd);
		Long owner = cmd.ownerId();
		if (owner != null) {
			requireUser(owner);
			Scopes.requireAssignable(jdbc, visibility, owner);
		}
		else {
			owner = rules.assign(cmd.country(), cmd.industry(), cmd.source()).orElse(Actor.currentIdOrNull());
		}
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into leads (first_name, last_name, email, phone, company, title, industry, country, company_size,
				                   source, source_detail, campaign_id, status, owner_id, created_at, updated_at)
				values (:first, :last, :email, :phone, :company, :title, :industry, :country, :size, :source, :detail,
				        :campaign, 'NEW', :owner, :now, :now)
				returning id
				""")
			.params(params(cmd))
			.param("owner", owner)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		audit.created(AUDIT_TYPE, id);
		events.publishEvent(new LeadCreated(id, trimmed(cmd.email()), cmd.source().trim(), cmd.campaignId(),
				trimmed(cmd.company()), trimmed(cmd.title()), trimmed(cmd.industry()), trimmed(cmd.country()),
				cmd.companySize(), owner, now));
		return id;
	}

	@Transactional
	public void update(long id, LeadCommand cmd, Visibility visibility) {
		LeadDetails lead = load(id, visibility, true);
		lead.checkVersion(cmd.version());
		validate(cmd);
		if (cmd.ownerId() != null && !cmd.ownerId().equals(lead.ownerId())) {
			requireUser(cmd.ownerId());
			Scopes.requireAssignable(jdbc, visibility, cmd.ownerId());
		}
		if (lead.status() == LeadStatus.CONVERTED) {
			throw new RuleViolationException("lead.converted.readOnly", "A converted lead can’t be changed.");
		}
		// No owner given keeps the current one: an edit never drops a lead out of
		// everyone's view.
		Long owner = cmd.ownerId() != null ? cmd.ownerId() : lead.ownerId();
		int n = jdbc.sql("""
				update leads set first_name = :first, last_name = :last, email = :email, phone = :phone,
				  company = :company, title = :title, industry = :industry, country = :country, company_size = :size,
				  source = :source, source_detail = :detail, campaign_id = :campaign, owner_id = :owner,
				  version = version + 1, updated_at = :now
				where id = :id and version = :version
				""")
			.params(params(cmd))
			.param("owner", owner)
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.param("version", cmd.version())
			.update();
		if (n == 0) {
			throw new StaleEditException("Lead", id, cmd.version(), lead.version() + 1);
		}
		audit.changed(AUDIT_TYPE, id, snapshot(lead.fullName(), lead.email(), lead.company(), lead.ownerId()),
				snapshot(name(cmd.firstName(), cmd.lastName()), trimmed(cmd.email()), trimmed(cmd.company()), owner));
		if (!Objects.equals(owner, lead.ownerId())) {
			events.publishEvent(new LeadOwnerChanged(id, owner));
		}
	}

	/**
	 * Moves a lead along its status flow; disqualifying needs a reason. Conversion has
	 * its own action.
	 */
	@Transactional
	public void changeStatus(long id, long version, LeadStatus status, String reason, Visibility visibility) {
		LeadDetails lead = load(id, visibility, true);
		lead.checkVersion(version);
		if (status == LeadStatus.CONVERTED) {
			throw new RuleViolationException("lead.status.convertAction", "Use “Convert” to convert a lead.");
		}
		if (!lead.status().next().contains(status)) {
			throw new RuleViolationException("lead.status.notAllowed", "A {0} lead can’t move to {1}.", lead.status(),
					status);
		}
		String why = trimmed(reason);
		if (status == LeadStatus.DISQUALIFIED && why == null) {
			throw new RuleViolationException("lead.disqualify.reason", "Say why the lead is disqualified.");
		}
		if (why != null && why.length() > 200) {
			throw new RuleViolationException("lead.disqualify.reasonLength", "Keep the reason under 200 characters.");
		}
		Instant now = clock.instant();
		jdbc.sql("""
				update leads set status = :status, disqualified_reason = :reason, last_activity_at = :now,
				  version = version + 1, updated_at = :now
				where id = :id
				""")
			.param("status", status.name())
			.param("reason", status == LeadStatus.DISQUALIFIED ? why : null)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
		addActivity(id, "STATUS", lead.status() + " → " + status, why, now);
		audit.changed(AUDIT_TYPE, id, Map.of("status", lead.status().name()), Map.of("status", status.name()));
	}

	/**
	 * Logs a call, meeting, note or e-mail on the lead, and schedules its follow-up task
	 * if asked.
	 */
	@Transactional
	public void logActivity(long id, LogLeadActivity cmd, Visibility visibility) {
		LeadDetails lead = load(id, visibility, true);
		String kind = cmd.kind() == null ? "" : cmd.kind().toUpperCase(Locale.ROOT);
		if (!LOGGABLE.contains(kind)) {
			throw new RuleViolationException("lead.activity.kind.invalid", "Log a call, meeting, e-mail or note.");
		}
		if (cmd.subject() == null || cmd.subject().isBlank() || cmd.subject().length() > 300) {
			throw new RuleViolationException("lead.activity.subject.invalid",
					"An activity needs a subject (at most 300 characters).");
		}
		Instant now = clock.instant();
		addActivity(id, kind, cmd.subject().trim(), trimmed(cmd.body()), now);
		jdbc.sql(
				"update leads set last_activity_at = ?, status = case when status = 'NEW' then 'WORKING' else status end,"
						+ " version = version + 1, updated_at = ? where id = ?")
			.params(Timestamp.from(now), Timestamp.from(now), id)
			.update();
		if (cmd.followUpAt() != null) {
			Long assignee = lead.ownerId() != null ? lead.ownerId() : Actor.currentIdOrNull();
			if (assignee == null) {
				throw new RuleViolationException("lead.followUp.noAssignee",
						"Give the lead an owner before scheduling a follow-up.");
			}
			String title = trimmed(cmd.followUpTitle()) == null ? "Follow up: " + lead.fullName()
					: cmd.followUpTitle().trim();
			tasks.create(new CreateTask(title, null, cmd.followUpAt(), assignee, null, null, "lead:" + id));
		}
	}

	@Transactional(readOnly = true)
	public LeadDetails details(long id, Visibility visibility) {
		return load(id, visibility, false);
	}

	@Transactional(readOnly = true)
	public List<LeadActivity> activities(long id, int limit) {
		return jdbc.sql("""
				select a.id, a.kind, a.subject, a.body, a.occurred_at, u.full_name as author_name
				from lead_activities a left join users u on u.id = a.author_id
				where a.lead_id = ? order by a.occurred_at desc, a.id desc limit ?
				""").params(id, limit).query(LeadActivity.class).list();
	}

	@Transactional(readOnly = true)
	public List<LeadTask> openTasks(long id, int limit) {
		return jdbc.sql("""
				select t.id, t.title, t.due_at, t.status, u.full_name as assignee_name
				from tasks t join users u on u.id = t.assignee_id
				where t.related_ref = ? and t.status = 'OPEN' order by t.due_at, t.id limit ?
				""").params("lead:" + id, limit).query(LeadTask.class).list();
	}

	@Transactional(readOnly = true)
	public KeysetPage<LeadRow> list(LeadFilter filter, Visibility visibility, String cursor, int pageSize) {
		SqlWhere where = new SqlWhere();
		Scopes.restrict(where, visibility, "l.owner_id");
		String tsq = TextQuery.prefix(filter.q());
		if (tsq != null) {
			where.and("l.search @@ to_tsquery('simple', :tsq)", "tsq", tsq);
		}
		if (filter.status() != null) {
			where.and("l.status = :status", "status", filter.status().name());
		}
		if (filter.ownerId() != null) {
			where.and("l.owner_id = :owner", "owner", filter.ownerId());
		}
		if (filter.source() != null && !filter.source().isBlank()) {
			where.and("l.source = :source", "source", filter.source().trim());
		}
		var total = where.cappedCount(jdbc, "leads l");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.newestFirst("l.created_at");
		String orderBy = sort.orderBy(where, c, "l.id");
		String sql = """
				select l.id, l.first_name, l.last_name, l.email, l.company, l.source, l.status, l.score, l.mql,
				       u.full_name as owner_name, l.created_at, %s as sort_key
				from leads l left join users u on u.id = l.owner_id
				%s %s limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<LeadRow> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query(LeadRow.class).list();
		return Keyset.page(rows, pageSize, c, LeadRow::sortKey, LeadRow::id, total);
	}

	/** The sources leads came from, for the list's filter. */
	@Transactional(readOnly = true)
	public List<String> sources() {
		return jdbc.sql("select distinct source from leads order by source limit 50").query(String.class).list();
	}

	/**
	 * Leads and contacts that may be this person: the same e-mail, or a trigram-similar
	 * name at a similar company. Converted leads are left out (their contact is found
	 * instead).
	 */
	@Transactional(readOnly = true)
	public List<LeadMatch> findDuplicates(String email, String firstName, String lastName, String company,
			Long excludeLeadId) {
		// Trigram look-ups flip to a slow generic plan after five runs of a prepared
		// statement.
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		return jdbc
			.sql("""
					(select 'lead' as kind, l.id, coalesce(l.first_name || ' ', '') || l.last_name as name, l.email, l.company,
					        case when :email <> '' and lower(l.email) = :email then 'email' else 'name' end as reason
					 from leads l
					 where l.id <> :exclude and l.status <> 'CONVERTED'
					   and ((:email <> '' and lower(l.email) = :email)
					        or (l.full_name % :name and similarity(l.full_name, :name) >= 0.5
					            and (:company = '' or coalesce(l.company, '') = '' or similarity(lower(l.company), :company) >= 0.4)))
					 order by reason, l.id limit 5)
					union all
					(select 'contact' as kind, c.id, c.first_name || ' ' || c.last_name as name, c.email, a.name as company,
					        case when :email <> '' and lower(c.email) = :email then 'email' else 'name' end as reason
					 from contacts c left join accounts a on a.id = c.account_id
					 where (:email <> '' and lower(c.email) = :email)
					    or (c.full_name % :name and similarity(c.full_name, :name) >= 0.5
					        and :company <> '' and a.sort_name % :company)
					 order by reason, c.id limit 5)
					""")
			.param("email", email == null ? "" : email.trim().toLowerCase(Locale.ROOT))
			.param("name", TextQuery.normalise(name(firstName, lastName)))
			.param("company", TextQuery.normalise(company))
			.param("exclude", excludeLeadId == null ? -1L : excludeLeadId)
			.query(LeadMatch.class)
			.list();
	}

	/**
	 * Converts a qualified lead in one transaction: a new or an existing account and
	 * contact, an optional deal, the lead marked converted, a summary on the contact's
	 * timeline and {@link LeadConverted} published. Any failure rolls all of it back.
	 */
	@Transactional
	public Conversion convert(long id, ConvertLead cmd, Visibility visibility) {
		LeadDetails lead = load(id, visibility, true);
		switch (lead.status()) {
			case CONVERTED ->
				throw new RuleViolationException("lead.convert.already", "This lead is already converted.");
			case DISQUALIFIED -> throw new RuleViolationException("lead.convert.disqualified",
					"A disqualified lead can’t be converted; reopen and qualify it first.");
			case NEW, WORKING ->
				throw new RuleViolationException("lead.convert.notQualified", "Qualify the lead before converting it.");
			case QUALIFIED -> {
			}
		}
		lead.checkVersion(cmd.version());
		Long owner = lead.ownerId() != null ? lead.ownerId() : Actor.currentIdOrNull();
		long accountId;
		if (cmd.existingAccountId() != null) {
			// One the user may not see is answered like one that doesn't exist.
			if (!access.canSeeAccount(cmd.existingAccountId(), visibility)) {
				throw new RuleViolationException("lead.convert.accountUnknown", "There is no such account.");
			}
			accountId = cmd.existingAccountId();
		}
		else {
			String accountName = trimmed(lead.company()) != null ? lead.company().trim() : lead.fullName();
			accountId = accounts.create(new AccountCommand(accountName, null, lead.industry(), null, null, null, null,
					null, null, lead.country(), LifecycleStage.SALES_QUALIFIED, owner, List.of(), 0));
		}
		long contactId;
		if (cmd.existingContactId() != null) {
			if (!access.canSeeContact(cmd.existingContactId(), visibility)) {
				throw new RuleViolationException("lead.convert.contactUnknown", "There is no such contact.");
			}
			Long contactAccount = References.accountOfContact(jdbc, cmd.existingContactId());
			if (contactAccount != null && contactAccount != accountId) {
				throw new RuleViolationException("lead.convert.contactOtherAccount",
						"That contact works at another account: choose their account, or a new contact.");
			}
			contactId = cmd.existingContactId();
		}
		else {
			contactId = contacts.create(new ContactCommand(lead.firstName() == null ? "" : lead.firstName(),
					lead.lastName(), lead.title(), lead.email(), lead.phone(), null, null, null, null, lead.country(),
					accountId, LifecycleStage.SALES_QUALIFIED, owner, List.of(), false, false, 0));
		}
		Long opportunityId = null;
		if (cmd.createOpportunity()) {
			if (owner == null) {
				throw new RuleViolationException("lead.convert.noOwner",
						"Give the lead an owner before opening a deal.");
			}
			String name = trimmed(cmd.opportunityName()) != null ? cmd.opportunityName().trim()
					: (trimmed(lead.company()) != null ? lead.company().trim() : lead.fullName()) + " – new business";
			LocalDate close = cmd.closeDate() != null ? cmd.closeDate() : LocalDate.now(clock).plusDays(30);
			opportunityId = opportunities.open(new OpenOpportunity(name, accountId, contactId, cmd.pipelineId(), null,
					cmd.amount(), "EUR", close, owner, lead.source(), lead.campaignId(), id));
		}
		Instant now = clock.instant();
		jdbc.sql("""
				update leads set status = 'CONVERTED', converted_account_id = :account, converted_contact_id = :contact,
				  converted_opportunity_id = :opp, converted_at = :now, version = version + 1, updated_at = :now
				where id = :id
				""")
			.param("account", accountId)
			.param("contact", contactId)
			.param("opp", opportunityId)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
		addActivity(id, "STATUS", "QUALIFIED → CONVERTED", null, now);
		timeline.record(new RecordInteraction(InteractionKind.SYSTEM, now, accountId, contactId,
				"Converted from lead: " + lead.fullName(), summary(lead), "sales", "lead:" + id));
		audit.changed(AUDIT_TYPE, id, Map.of("status", lead.status().name()), Map.of("status", "CONVERTED"));
		events
			.publishEvent(new LeadConverted(id, lead.email(), accountId, contactId, opportunityId, lead.campaignId()));
		return new Conversion(id, accountId, contactId, opportunityId);
	}

	/**
	 * Stores marketing's score on the lead (an unknown lead is ignored: it may have been
	 * removed).
	 */
	@Transactional
	public void applyScore(long leadId, int score, boolean mql) {
		jdbc.sql("update leads set score = ?, mql = ?, updated_at = now() where id = ?")
			.params(score, mql, leadId)
			.update();
	}

	/**
	 * A capture from outside sales: updates the open lead with the same e-mail (filling
	 * what it lacks and noting the new touch) or creates a new one.
	 */
	@Transactional
	public long capture(LeadCommand cmd, String message) {
		String email = trimmed(cmd.email());
		if (email != null) {
			// Captures arrive concurrently (two form posts, two nodes): serialise per
			// address so the
			// second one finds the first one's lead instead of creating a twin.
			jdbc.sql("select pg_advisory_xact_lock(7302, hashtext(lower(?)))").param(email).query().singleRow();
			var existing = jdbc.sql("""
					select id from leads where lower(email) = lower(?) and status in ('NEW', 'WORKING', 'QUALIFIED')
					order by created_at desc, id desc limit 1 for update
					""").param(email).query(Long.class).optional();
			if (existing.isPresent()) {
				long id = existing.get();
				Instant now = clock.instant();
				jdbc.sql("""
						update leads set first_name = coalesce(first_name, :first), phone = coalesce(phone, :phone),
						  company = coalesce(company, :company), title = coalesce(title, :title),
						  industry = coalesce(industry, :industry), country = coalesce(country, :country),
						  company_size = coalesce(company_size, :size), campaign_id = coalesce(:campaign, campaign_id),
						  last_activity_at = :now, version = version + 1, updated_at = :now
						where id = :id
						""").params(params(cmd)).param("now", Timestamp.from(now)).param("id", id).update();
				addActivity(id, "NOTE",
						"Captured again: " + cmd.source()
								+ (trimmed(cmd.sourceDetail()) == null ? "" : " (" + cmd.sourceDetail().trim() + ")"),
						trimmed(message), now);
				return id;
			}
		}
		long id = create(cmd, Visibility.all());
		if (trimmed(message) != null) {
			addActivity(id, "NOTE", "Message with the capture", message.trim(), clock.instant());
		}
		return id;
	}

	private String summary(LeadDetails lead) {
		StringBuilder s = new StringBuilder();
		s.append("Source: ").append(lead.source());
		if (lead.sourceDetail() != null) {
			s.append(" (").append(lead.sourceDetail()).append(')');
		}
		s.append(". Lead since ")
			.append(DateTimeFormatter.ISO_LOCAL_DATE.format(lead.createdAt().atZone(clock.getZone())));
		s.append(", score ").append(lead.score()).append(lead.mql() ? " (MQL)" : "").append('.');
		List<LeadActivity> history = activities(lead.id(), 20);
		if (!history.isEmpty()) {
			s.append("\nHistory:");
			for (LeadActivity a : history) {
				s.append("\n- ")
					.append(DateTimeFormatter.ISO_LOCAL_DATE.format(a.occurredAt().atZone(clock.getZone())))
					.append(' ')
					.append(a.kind())
					.append(": ")
					.append(a.subject());
			}
		}
		return s.toString();
	}

	private void addActivity(long leadId, String kind, String subject, String body, Instant at) {
		jdbc.sql(
				"""
						insert into lead_activities (lead_id, kind, subject, body, occurred_at, author_id) values (?, ?, ?, ?, ?, ?)
						""")
			.params(leadId, kind, subject, body, Timestamp.from(at), Actor.currentIdOrNull())
			.update();
	}

	/**
	 * Loads a lead (locked when {@code forChange}) after checking the user may see it.
	 */
	private LeadDetails load(long id, Visibility visibility, boolean forChange) {
		LeadDetails lead = jdbc.sql("""
				select l.*, u.full_name as owner_name from leads l left join users u on u.id = l.owner_id
				where l.id = ?""" + (forChange ? " for update of l" : ""))
			.param(id)
			.query(LeadService::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("Lead", id));
		Scopes.requireVisible(jdbc, visibility, lead.ownerId(), "Lead", id);
		return lead;
	}

	private static LeadDetails map(ResultSet rs, int n) throws SQLException {
		return new LeadDetails(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
				rs.getString("email"), rs.getString("phone"), rs.getString("company"), rs.getString("title"),
				rs.getString("industry"), rs.getString("country"), rs.getObject("company_size", Integer.class),
				rs.getString("source"), rs.getString("source_detail"), Rows.longOrNull(rs, "campaign_id"),
				LeadStatus.valueOf(rs.getString("status")), rs.getString("disqualified_reason"), rs.getInt("score"),
				rs.getBoolean("mql"), Rows.longOrNull(rs, "owner_id"), rs.getString("owner_name"),
				Rows.longOrNull(rs, "converted_account_id"), Rows.longOrNull(rs, "converted_contact_id"),
				Rows.longOrNull(rs, "converted_opportunity_id"), Rows.instantOrNull(rs, "converted_at"),
				Rows.instantOrNull(rs, "last_activity_at"), rs.getLong("version"), Rows.instantOrNull(rs, "created_at"),
				Rows.instantOrNull(rs, "updated_at"));
	}

	private void validate(LeadCommand cmd) {
		if (trimmed(cmd.lastName()) == null || cmd.lastName().trim().length() > 100) {
			throw new RuleViolationException("lead.lastName.required",
					"A lead needs a last name (at most 100 characters).");
		}
		if (trimmed(cmd.source()) == null || cmd.source().trim().length() > 50) {
			throw new RuleViolationException("lead.source.required",
					"Say where the lead came from (at most 50 characters).");
		}
		String email = trimmed(cmd.email());
		if (email != null && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
			throw new RuleViolationException("lead.email.invalid", "That is not an e-mail address.");
		}
		if (cmd.companySize() != null && cmd.companySize() < 0) {
			throw new RuleViolationException("lead.companySize.negative", "Company size can’t be negative.");
		}
	}

	private void requireUser(long userId) {
		if (jdbc.sql("select count(*) from users where id = ? and enabled")
			.param(userId)
			.query(Long.class)
			.single() == 0) {
			throw new RuleViolationException("lead.owner.unknown", "There is no such user.");
		}
	}

	private static Map<String, Object> params(LeadCommand cmd) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("first", trimmed(cmd.firstName()));
		p.put("last", cmd.lastName() == null ? null : cmd.lastName().trim());
		p.put("email", trimmed(cmd.email()));
		p.put("phone", trimmed(cmd.phone()));
		p.put("company", trimmed(cmd.company()));
		p.put("title", trimmed(cmd.title()));
		p.put("industry", trimmed(cmd.industry()));
		p.put("country", trimmed(cmd.country()));
		p.put("size", cmd.companySize());
		p.put("source", cmd.source() == null ? null : cmd.source().trim());
		p.put("detail", trimmed(cmd.sourceDetail()));
		p.put("campaign", cmd.campaignId());
		return p;
	}

	private static Map<String, String> snapshot(String name, String email, String company, Long owner) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("name", name);
		m.put("email", email);
		m.put("company", company);
		m.put("owner", String.valueOf(owner));
		return m;
	}

	private static String name(String first, String last) {
		return trimmed(first) == null ? String.valueOf(last).trim() : first.trim() + " " + String.valueOf(last).trim();
	}

	static String trimmed(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
