package org.opencrm.sales.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.DealWon;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.opportunity.OpportunityCommand.LineItem;
import org.opencrm.sales.opportunity.OpportunityCommand.SalesChannel;
import org.opencrm.sales.pipeline.Pipeline;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.sales.shared.Scopes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deals: open, edit, move through the stages of their pipeline, list and show on a board.
 * Every stage change is written to the stage history and as a DEAL entry on the account's
 * timeline; a move to a WON stage publishes {@link DealWon}. Rows outside the user's
 * {@link Visibility} are "not found".
 */
@Service
public class OpportunityService implements OpportunityOpener {

	static final String AUDIT_TYPE = "opportunity";

	private static final String ROW_SELECT = """
			select o.id, o.name, o.account_id, a.name as account_name, o.stage_id, s.name as stage_name, o.status,
			       o.amount, o.currency, o.close_date, o.owner_id, u.full_name as owner_name, o.version,
			       to_char(o.close_date, 'YYYY-MM-DD') as sort_key
			from opportunities o
			join accounts a on a.id = o.account_id
			join pipeline_stages s on s.id = o.stage_id
			join users u on u.id = o.owner_id
			""";

	private final JdbcClient jdbc;

	private final PipelineService pipelines;

	private final TimelineService timeline;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final AccountAccess access;

	OpportunityService(JdbcClient jdbc, PipelineService pipelines, TimelineService timeline, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock, AccountAccess access) {
		this.access = access;
		this.jdbc = jdbc;
		this.pipelines = pipelines;
		this.timeline = timeline;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public long open(OpenOpportunity c) {
		return insert(new OpportunityCommand(c.name(), c.accountId(), c.primaryContactId(), c.pipelineId(), c.stageId(),
				c.amount() == null ? BigDecimal.ZERO : c.amount(), c.currency(), c.closeDate(), c.ownerId(), null, null,
				c.source(), c.campaignId(), c.leadId(), SalesChannel.DIRECT, null, List.of(), 0));
	}

	@Transactional
	public long create(OpportunityCommand cmd, Visibility visibility) {
		Scopes.requireAssignable(jdbc, visibility, cmd.ownerId());
		requireVisibleCustomer(cmd.accountId(), cmd.primaryContactId(), visibility);
		return insert(cmd);
	}

	/**
	 * A deal is about a customer the user may see ({@link AccountAccess}): else its page
	 * would show that customer's timeline and tasks. One they can't see is answered like
	 * one that doesn't exist (the same rule message), so the answer doesn't tell them
	 * apart.
	 */
	private void requireVisibleCustomer(Long accountId, Long contactId, Visibility visibility) {
		if (visibility.scope() == Visibility.Scope.ALL) {
			return;
		}
		if (accountId != null && !access.canSeeAccount(accountId, visibility)) {
			throw new RuleViolationException("opportunity.account.unknown", "There is no such account.");
		}
		if (contactId != null && !access.canSeeContact(contactId, visibility)) {
			throw new RuleViolationException("opportunity.contact.unknown", "There is no such contact.");
		}
	}

	@Transactional
	public void update(long id, OpportunityCommand cmd, Visibility visibility) {
		Current current = current(id, visibility);
		checkVersion(id, cmd.version(), current.version());
		if (cmd.ownerId() != current.ownerId()) {
			Scopes.requireAssignable(jdbc, visibility, cmd.ownerId());
		}
		// Only a customer newly chosen: a deal already on one stays editable.
		requireVisibleCustomer(Objects.equals(cmd.accountId(), current.accountId()) ? null : cmd.accountId(),
				Objects.equals(cmd.primaryContactId(), current.contactId()) ? null : cmd.primaryContactId(),
				visibility);
		Resolved r = validate(cmd, current.stageId());
		Instant now = clock.instant();
		boolean stageChanged = r.stage().id() != current.stageId();
		Instant closedAt = r.stage().kind() == StageKind.OPEN ? null
				: !stageChanged && current.closedAt() != null ? current.closedAt() : now;
		int updated = jdbc.sql("""
				update opportunities set name = :name, account_id = :account, primary_contact_id = :contact,
				  pipeline_id = :pipeline, stage_id = :stage, status = :status, amount = :amount, currency = :currency,
				  close_date = :close, owner_id = :owner, forecast_category = :forecast, lost_reason = :lost,
				  source = :source, campaign_id = :campaign, sales_channel = :channel, partner_account_id = :partner,
				  closed_at = :closedAt,
				  stage_changed_at = case when stage_id <> :stage then :now else stage_changed_at end,
				  version = version + 1, updated_at = :now
				where id = :id and version = :version
				""")
			.param("name", cmd.name().trim())
			.param("account", cmd.accountId())
			.param("contact", cmd.primaryContactId())
			.param("pipeline", r.pipeline().id())
			.param("stage", r.stage().id())
			.param("status", r.stage().kind().name())
			.param("amount", r.amount())
			.param("currency", r.currency())
			.param("close", cmd.closeDate())
			.param("owner", cmd.ownerId())
			.param("forecast", r.forecast().name())
			.param("lost", r.stage().kind() == StageKind.LOST ? trimmed(cmd.lostReason()) : null)
			.param("source", trimmed(cmd.source()))
			.param("campaign", cmd.campaignId())
			.param("channel", cmd.salesChannel().name())
			.param("partner", cmd.partnerAccountId())
			.param("closedAt", closedAt == null ? null : java.sql.Timestamp.from(closedAt))
			.param("now", java.sql.Timestamp.from(now))
			.param("id", id)
			.param("version", cmd.version())
			.update();
		if (updated == 0) {
			throw new StaleEditException("Opportunity", id, cmd.version(), current.version() + 1);
		}
		jdbc.sql("delete from opportunity_line_items where opportunity_id = ?").param(id).update();
		insertLines(id, r.lines());
		BigDecimal amount = syncAmount(id, r.lines());
		Map<String, String> before = current.snapshot();
		audit.changed(AUDIT_TYPE, id, before,
				snapshot(cmd.name().trim(), r.stage().name(), amount, cmd.closeDate(), cmd.ownerId()));
		if (stageChanged) {
			stageChanged(id, current.stageId(), r.stage(), amount, r.currency(), cmd.name().trim(), cmd.accountId(),
					cmd.primaryContactId(), cmd.ownerId(), cmd.campaignId(), now);
		}
	}

	/**
	 * Moves a deal to another stage of its pipeline (the board's "move to").
	 * {@code version} is the one the user saw: a stale card conflicts and nothing moves.
	 */
	@Transactional
	public void moveStage(long id, long version, long stageId, String lostReason, Visibility visibility) {
		Current current = current(id, visibility);
		checkVersion(id, version, current.version());
		Stage stage = pipelines.stage(stageId)
			.orElseThrow(() -> new RuleViolationException("opportunity.stage.unknown", "There is no such stage."));
		if (stage.pipelineId() != current.pipelineId()) {
			throw new RuleViolationException("opportunity.stage.otherPipeline",
					"That stage belongs to another pipeline.");
		}
		if (stage.id() == current.stageId()) {
			return;
		}
		if (!stage.active()) {
			throw new RuleViolationException("opportunity.stage.inactive", "That stage is no longer in use.");
		}
		String reason = trimmed(lostReason);
		if (stage.kind() == StageKind.LOST && reason == null) {
			throw new RuleViolationException("opportunity.lostReason.required",
					"Say why the deal was lost before moving it to a lost stage.");
		}
		Instant now = clock.instant();
		ForecastCategory forecast = forecastFor(stage.kind(), current.forecast());
		int updated = jdbc
			.sql("""
					update opportunities set stage_id = :stage, status = :status, forecast_category = :forecast,
					  lost_reason = :lost, closed_at = :closedAt, stage_changed_at = :now, version = version + 1, updated_at = :now
					where id = :id and version = :version
					""")
			.param("stage", stage.id())
			.param("status", stage.kind().name())
			.param("forecast", forecast.name())
			.param("lost", stage.kind() == StageKind.LOST ? reason : null)
			.param("closedAt", stage.kind() == StageKind.OPEN ? null : java.sql.Timestamp.from(now))
			.param("now", java.sql.Timestamp.from(now))
			.param("id", id)
			.param("version", version)
			.update();
		if (updated == 0) {
			throw new StaleEditException("Opportunity", id, version, current.version() + 1);
		}
		stageChanged(id, current.stageId(), stage, current.amount(), current.currency(), current.name(),
				current.accountId(), current.contactId(), current.ownerId(), current.campaignId(), now);
	}

	@Transactional(readOnly = true)
	public OpportunityDetails details(long id, Visibility visibility) {
		OpportunityDetails d = jdbc.sql("""
				select o.*, a.name as account_name, coalesce(c.first_name || ' ', '') || c.last_name as contact_name,
				       p.name as pipeline_name, s.name as stage_name, s.probability, u.full_name as owner_name,
				       pa.name as partner_name, u.team_id as owner_team_id
				from opportunities o
				join accounts a on a.id = o.account_id
				left join contacts c on c.id = o.primary_contact_id
				join pipelines p on p.id = o.pipeline_id
				join pipeline_stages s on s.id = o.stage_id
				join users u on u.id = o.owner_id
				left join accounts pa on pa.id = o.partner_account_id
				where o.id = ?
				""")
			.param(id)
			.query(this::mapDetails)
			.optional()
			.orElseThrow(() -> new NotFoundException("Opportunity", id));
		Scopes.requireVisible(jdbc, visibility, d.ownerId(), "Opportunity", id);
		List<OpportunityDetails.Line> lines = jdbc.sql("""
				select li.id, li.product_id, p.name as product_name, p.sku, li.quantity, li.unit_price,
				       li.discount_percent, li.line_total
				from opportunity_line_items li join products p on p.id = li.product_id
				where li.opportunity_id = ? order by li.position, li.id
				""").param(id).query(OpportunityDetails.Line.class).list();
		return d.withLines(lines);
	}

	@Transactional(readOnly = true)
	public List<StageChange> history(long id, Visibility visibility) {
		Long owner = jdbc.sql("select owner_id from opportunities where id = ?")
			.param(id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Opportunity", id));
		Scopes.requireVisible(jdbc, visibility, owner, "Opportunity", id);
		return jdbc.sql("""
				select h.id, f.name as from_stage, t.name as to_stage, h.amount, h.probability,
				       u.full_name as changed_by, h.changed_at
				from opportunity_stage_history h
				left join pipeline_stages f on f.id = h.from_stage_id
				join pipeline_stages t on t.id = h.to_stage_id
				left join users u on u.id = h.changed_by
				where h.opportunity_id = ? order by h.changed_at desc, h.id desc limit 50
				""").param(id).query(StageChange.class).list();
	}

	@Transactional(readOnly = true)
	public KeysetPage<OpportunityRow> list(OpportunityFilter filter, Visibility visibility, String cursor,
			int pageSize) {
		SqlWhere where = conditions(filter, visibility);
		var total = where.cappedCount(jdbc, "opportunities o");
		Keyset.Cursor c = Keyset.decode(cursor);
		boolean asc = c == null || c.forward();
		if (c != null) {
			where.and("(o.close_date, o.id) " + (asc ? ">" : "<") + " (cast(:cursorValue as date), :cursorId)")
				.param("cursorValue", c.dateValue().toString())
				.param("cursorId", c.id());
		}
		String dir = asc ? " asc" : " desc";
		String sql = ROW_SELECT + where.sql() + " order by o.close_date" + dir + ", o.id" + dir + " limit :limit";
		List<OpportunityRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(OpportunityRow.class)
			.list();
		return Keyset.page(rows, pageSize, c, OpportunityRow::sortKey, OpportunityRow::id, total);
	}

	/**
	 * A pipeline as a board: three statements whatever the number of deals (stages,
	 * capped cards per stage through a lateral join on the stage index, and the per-stage
	 * totals).
	 */
	@Transactional(readOnly = true)
	public Board board(long pipelineId, OpportunityFilter filter, Visibility visibility) {
		List<Stage> stages = jdbc
			.sql("""
					select s.id, s.pipeline_id, s.name, s.position, s.probability, s.kind, s.active, s.version, 0 as deal_count
					from pipeline_stages s where s.pipeline_id = ? and s.active order by s.position, s.id
					""")
			.param(pipelineId)
			.query(Stage.class)
			.list();
		if (stages.isEmpty()) {
			pipelines.pipeline(pipelineId);
			return new Board(pipelineId, List.of());
		}
		OpportunityFilter f = new OpportunityFilter(filter.ownerId(), filter.teamId(), null, null, null,
				filter.closeFrom(), filter.closeTo());
		SqlWhere where = conditions(f, visibility);
		String extra = where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
		List<OpportunityRow> cards = where
			.bind(jdbc
				.sql("""
						select c.* from pipeline_stages st cross join lateral (
						  select o.id, o.name, o.account_id, a.name as account_name, o.stage_id, st.name as stage_name, o.status,
						         o.amount, o.currency, o.close_date, o.owner_id, u.full_name as owner_name, o.version,
						         to_char(o.close_date, 'YYYY-MM-DD') as sort_key
						  from opportunities o
						  join accounts a on a.id = o.account_id
						  join users u on u.id = o.owner_id
						  where o.stage_id = st.id %s
						  order by o.close_date, o.id
						  limit :cap) c
						where st.pipeline_id = :pipeline and st.active
						order by c.close_date, c.id
						"""
					.formatted(extra)))
			.param("cap", Board.CARDS_PER_COLUMN)
			.param("pipeline", pipelineId)
			.query(OpportunityRow.class)
			.list();
		record Totals(long stageId, long count, BigDecimal total, BigDecimal weighted) {
		}
		Map<Long, Totals> totals = new LinkedHashMap<>();
		where
			.bind(jdbc.sql("""
					select o.stage_id, count(*) as count, coalesce(sum(o.amount), 0) as total,
					       coalesce(sum(o.amount * st.probability / 100.0), 0) as weighted
					from opportunities o join pipeline_stages st on st.id = o.stage_id
					%s group by o.stage_id
					""".formatted(where.sql().isEmpty() ? " where o.pipeline_id = :pipeline"
					: where.sql() + " and o.pipeline_id = :pipeline")))
			.param("pipeline", pipelineId)
			.query(Totals.class)
			.list()
			.forEach(t -> totals.put(t.stageId(), t));
		List<Board.Column> columns = new ArrayList<>();
		for (Stage s : stages) {
			Totals t = totals.getOrDefault(s.id(), new Totals(s.id(), 0, BigDecimal.ZERO, BigDecimal.ZERO));
			columns.add(new Board.Column(s, t.count(), t.total(), t.weighted().setScale(2, RoundingMode.HALF_UP),
					cards.stream().filter(card -> card.stageId() == s.id()).toList()));
		}
		return new Board(pipelineId, columns);
	}

	@Transactional(readOnly = true)
	public List<ProductOption> products() {
		return jdbc.sql(
				"select id, name, sku, unit_price, currency from products where active order by lower(name), id limit 500")
			.query(ProductOption.class)
			.list();
	}

	@Transactional(readOnly = true)
	public List<PartnerOption> partners() {
		return jdbc.sql("""
				select p.account_id, a.name, p.partner_type from partners p join accounts a on a.id = p.account_id
				order by a.sort_name, a.id limit 500
				""").query(PartnerOption.class).list();
	}

	private SqlWhere conditions(OpportunityFilter filter, Visibility visibility) {
		SqlWhere where = new SqlWhere();
		Scopes.restrict(where, visibility, "o.owner_id");
		if (filter.ownerId() != null) {
			where.and("o.owner_id = :owner", "owner", filter.ownerId());
		}
		if (filter.teamId() != null) {
			where.and("o.owner_id in (select tu.id from users tu where tu.team_id = :team)", "team", filter.teamId());
		}
		if (filter.pipelineId() != null) {
			where.and("o.pipeline_id = :pipelineFilter", "pipelineFilter", filter.pipelineId());
		}
		if (filter.stageId() != null) {
			where.and("o.stage_id = :stageFilter", "stageFilter", filter.stageId());
		}
		if (filter.status() != null) {
			where.and("o.status = :status", "status", filter.status().name());
		}
		if (filter.closeFrom() != null) {
			where.and("o.close_date >= :closeFrom", "closeFrom", filter.closeFrom());
		}
		if (filter.closeTo() != null) {
			where.and("o.close_date <= :closeTo", "closeTo", filter.closeTo());
		}
		if (filter.closedFrom() != null) {
			where.and("o.closed_at >= :closedFrom", "closedFrom",
					java.sql.Timestamp.from(filter.closedFrom().atStartOfDay(clock.getZone()).toInstant()));
		}
		if (filter.closedTo() != null) {
			where.and("o.closed_at < :closedTo", "closedTo",
					java.sql.Timestamp.from(filter.closedTo().plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
		}
		return where;
	}

	private long insert(OpportunityCommand cmd) {
		Resolved r = validate(cmd, null);
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into opportunities (name, account_id, primary_contact_id, pipeline_id, stage_id, status, amount,
				  currency, close_date, owner_id, forecast_category, lost_reason, source, campaign_id, lead_id,
				  sales_channel, partner_account_id, closed_at, stage_changed_at, created_at, updated_at)
				values (:name, :account, :contact, :pipeline, :stage, :status, :amount, :currency, :close, :owner,
				  :forecast, :lost, :source, :campaign, :lead, :channel, :partner, :closedAt, :now, :now, :now)
				returning id
				""")
			.param("name", cmd.name().trim())
			.param("account", cmd.accountId())
			.param("contact", cmd.primaryContactId())
			.param("pipeline", r.pipeline().id())
			.param("stage", r.stage().id())
			.param("status", r.stage().kind().name())
			.param("amount", r.amount())
			.param("currency", r.currency())
			.param("close", cmd.closeDate())
			.param("owner", cmd.ownerId())
			.param("forecast", r.forecast().name())
			.param("lost", r.stage().kind() == StageKind.LOST ? trimmed(cmd.lostReason()) : null)
			.param("source", trimmed(cmd.source()))
			.param("campaign", cmd.campaignId())
			.param("lead", cmd.leadId())
			.param("channel", cmd.salesChannel().name())
			.param("partner", cmd.partnerAccountId())
			.param("closedAt", r.stage().kind() == StageKind.OPEN ? null : java.sql.Timestamp.from(now))
			.param("now", java.sql.Timestamp.from(now))
			.query(Long.class)
			.single();
		insertLines(id, r.lines());
		BigDecimal amount = syncAmount(id, r.lines());
		audit.created(AUDIT_TYPE, id);
		stageChanged(id, null, r.stage(), amount, r.currency(), cmd.name().trim(), cmd.accountId(),
				cmd.primaryContactId(), cmd.ownerId(), cmd.campaignId(), now);
		return id;
	}

	private record Resolved(Pipeline pipeline, Stage stage, BigDecimal amount, String currency,
			ForecastCategory forecast, List<LineItem> lines) {
	}

	/**
	 * Checks a command against the rules and fills in defaults; throws before anything is
	 * written.
	 */
	private Resolved validate(OpportunityCommand cmd, Long currentStageId) {
		if (cmd.name() == null || cmd.name().isBlank() || cmd.name().trim().length() > 200) {
			throw new RuleViolationException("opportunity.name.required",
					"A deal needs a name (at most 200 characters).");
		}
		if (cmd.amount() != null && cmd.amount().signum() < 0) {
			throw new RuleViolationException("opportunity.amount.negative", "The amount can’t be negative.");
		}
		if (!exists("select 1 from accounts where id = ?", cmd.accountId())) {
			throw new RuleViolationException("opportunity.account.unknown", "There is no such account.");
		}
		if (cmd.primaryContactId() != null) {
			if (!exists("select 1 from contacts where id = ?", cmd.primaryContactId())) {
				throw new RuleViolationException("opportunity.contact.unknown", "There is no such contact.");
			}
			// The deal's timeline entries go to the account and the contact: they must be
			// one customer.
			Long contactAccount = References.accountOfContact(jdbc, cmd.primaryContactId());
			if (contactAccount != null && contactAccount != cmd.accountId()) {
				throw new RuleViolationException("opportunity.contact.otherAccount",
						"The primary contact works at another account.");
			}
		}
		if (!exists("select 1 from users where id = ? and enabled", cmd.ownerId())) {
			throw new RuleViolationException("opportunity.owner.unknown", "There is no such user.");
		}
		Pipeline pipeline;
		if (cmd.pipelineId() == null) {
			pipeline = pipelines.defaultPipeline()
				.orElseThrow(
						() -> new RuleViolationException("opportunity.pipeline.unknown", "There is no such pipeline."));
		}
		else {
			pipeline = pipelines.pipelines()
				.stream()
				.filter(p -> p.id() == cmd.pipelineId())
				.findFirst()
				.orElseThrow(
						() -> new RuleViolationException("opportunity.pipeline.unknown", "There is no such pipeline."));
		}
		Stage stage;
		if (cmd.stageId() == null) {
			stage = jdbc
				.sql("""
						select s.id, s.pipeline_id, s.name, s.position, s.probability, s.kind, s.active, s.version, 0 as deal_count
						from pipeline_stages s where s.pipeline_id = ? and s.active and s.kind = 'OPEN'
						order by s.position, s.id limit 1
						""")
				.param(pipeline.id())
				.query(Stage.class)
				.optional()
				.orElseThrow(() -> new RuleViolationException("opportunity.stage.unknown", "There is no such stage."));
		}
		else {
			stage = pipelines.stage(cmd.stageId())
				.orElseThrow(() -> new RuleViolationException("opportunity.stage.unknown", "There is no such stage."));
		}
		if (stage.pipelineId() != pipeline.id()) {
			throw new RuleViolationException("opportunity.stage.otherPipeline",
					"That stage belongs to another pipeline.");
		}
		if (!stage.active() && !Objects.equals(currentStageId, stage.id())) {
			throw new RuleViolationException("opportunity.stage.inactive", "That stage is no longer in use.");
		}
		LocalDate today = LocalDate.now(clock);
		if (cmd.closeDate() == null) {
			throw new RuleViolationException("opportunity.closeDate.required", "A deal needs an expected close date.");
		}
		if (stage.kind() == StageKind.OPEN && cmd.closeDate().isBefore(today.minusYears(1))) {
			throw new RuleViolationException("opportunity.closeDate.past",
					"An open deal can’t close more than a year in the past.");
		}
		if (stage.kind() == StageKind.LOST && trimmed(cmd.lostReason()) == null) {
			throw new RuleViolationException("opportunity.lostReason.required",
					"Say why the deal was lost before moving it to a lost stage.");
		}
		if (cmd.salesChannel() == SalesChannel.PARTNER && cmd.partnerAccountId() == null) {
			throw new RuleViolationException("opportunity.partner.required", "A partner deal needs its partner.");
		}
		if (cmd.partnerAccountId() != null
				&& !exists("select 1 from partners where account_id = ?", cmd.partnerAccountId())) {
			throw new RuleViolationException("opportunity.partner.unknown", "That account is not a partner.");
		}
		String currency = cmd.currency() == null || cmd.currency().isBlank() ? "EUR"
				: cmd.currency().trim().toUpperCase(java.util.Locale.ROOT);
		if (!currency.matches("[A-Z]{3}")) {
			throw new RuleViolationException("opportunity.currency.invalid",
					"Use a three-letter currency code, e.g. EUR.");
		}
		List<LineItem> lines = new ArrayList<>();
		for (LineItem li : cmd.lines()) {
			ProductOption product = jdbc.sql("select id, name, sku, unit_price, currency from products where id = ?")
				.param(li.productId())
				.query(ProductOption.class)
				.optional()
				.orElseThrow(
						() -> new RuleViolationException("opportunity.product.unknown", "There is no such product."));
			if (li.quantity() == null || li.quantity().signum() <= 0) {
				throw new RuleViolationException("opportunity.line.quantity.invalid",
						"A line’s quantity must be more than 0.");
			}
			BigDecimal price = li.unitPrice() == null ? product.unitPrice() : li.unitPrice();
			if (price.signum() < 0) {
				throw new RuleViolationException("opportunity.amount.negative", "The amount can’t be negative.");
			}
			BigDecimal discount = li.discountPercent() == null ? BigDecimal.ZERO : li.discountPercent();
			if (discount.signum() < 0 || discount.compareTo(BigDecimal.valueOf(100)) > 0) {
				throw new RuleViolationException("opportunity.line.discount.invalid",
						"A discount is between 0 and 100 %.");
			}
			lines.add(new LineItem(product.id(), li.quantity(), price, discount));
		}
		BigDecimal amount = cmd.amount() == null ? BigDecimal.ZERO : cmd.amount();
		return new Resolved(pipeline, stage, amount, currency, forecastFor(stage.kind(), cmd.forecastCategory()),
				lines);
	}

	private static ForecastCategory forecastFor(StageKind kind, ForecastCategory chosen) {
		return switch (kind) {
			case WON -> ForecastCategory.CLOSED;
			case LOST -> ForecastCategory.OMITTED;
			case OPEN -> chosen == null || chosen == ForecastCategory.CLOSED ? ForecastCategory.PIPELINE : chosen;
		};
	}

	private void insertLines(long id, List<LineItem> lines) {
		int position = 0;
		for (LineItem li : lines) {
			jdbc.sql(
					"""
							insert into opportunity_line_items (opportunity_id, product_id, position, quantity, unit_price, discount_percent)
							values (?, ?, ?, ?, ?, ?)
							""")
				.params(id, li.productId(), ++position, li.quantity(), li.unitPrice(), li.discountPercent())
				.update();
		}
	}

	/** With line items, their total is the amount. */
	private BigDecimal syncAmount(long id, List<LineItem> lines) {
		if (!lines.isEmpty()) {
			jdbc.sql("""
					update opportunities set amount = (select coalesce(sum(line_total), 0) from opportunity_line_items
					                                   where opportunity_id = :id)
					where id = :id
					""").param("id", id).update();
		}
		return jdbc.sql("select amount from opportunities where id = ?").param(id).query(BigDecimal.class).single();
	}

	private void stageChanged(long id, Long fromStageId, Stage to, BigDecimal amount, String currency, String name,
			long accountId, Long contactId, long ownerId, Long campaignId, Instant now) {
		jdbc.sql("""
				insert into opportunity_stage_history (opportunity_id, from_stage_id, to_stage_id, amount, probability,
				                                       changed_by, changed_at)
				values (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(id, fromStageId, to.id(), amount, to.probability(), Actor.currentIdOrNull(),
					java.sql.Timestamp.from(now))
			.update();
		String subject = fromStageId == null ? "Deal opened: " + name + " (" + to.name() + ")"
				: "Deal " + name + " moved to " + to.name();
		String body = amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency + " · "
				+ to.probability() + " %";
		timeline.record(new RecordInteraction(InteractionKind.DEAL, now, accountId, contactId, subject, body, "sales",
				"opportunity:" + id));
		if (to.kind() == StageKind.WON) {
			events.publishEvent(new DealWon(id, accountId, contactId, ownerId, amount, currency,
					LocalDate.ofInstant(now, clock.getZone()), campaignId));
		}
	}

	private record Current(long id, String name, long accountId, Long contactId, long pipelineId, long stageId,
			long ownerId, BigDecimal amount, String currency, LocalDate closeDate, Long campaignId,
			ForecastCategory forecast, Instant closedAt, long version, String stageName) {

		Map<String, String> snapshot() {
			return OpportunityService.snapshot(name, stageName, amount, closeDate, ownerId);
		}
	}

	private static Map<String, String> snapshot(String name, String stage, BigDecimal amount, LocalDate close,
			long owner) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("name", name);
		m.put("stage", stage);
		m.put("amount", amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString());
		m.put("closeDate", String.valueOf(close));
		m.put("owner", String.valueOf(owner));
		return m;
	}

	/**
	 * The deal's current state, locked for the change, after checking the user may see
	 * it.
	 */
	private Current current(long id, Visibility visibility) {
		Current c = jdbc
			.sql("""
					select o.id, o.name, o.account_id, o.primary_contact_id, o.pipeline_id, o.stage_id, o.owner_id, o.amount,
					       o.currency, o.close_date, o.campaign_id, o.forecast_category, o.closed_at, o.version, s.name as stage_name
					from opportunities o join pipeline_stages s on s.id = o.stage_id where o.id = ? for update of o
					""")
			.param(id)
			.query((rs, n) -> new Current(rs.getLong("id"), rs.getString("name"), rs.getLong("account_id"),
					Rows.longOrNull(rs, "primary_contact_id"), rs.getLong("pipeline_id"), rs.getLong("stage_id"),
					rs.getLong("owner_id"), rs.getBigDecimal("amount"), rs.getString("currency"),
					rs.getObject("close_date", LocalDate.class), Rows.longOrNull(rs, "campaign_id"),
					ForecastCategory.valueOf(rs.getString("forecast_category")), Rows.instantOrNull(rs, "closed_at"),
					rs.getLong("version"), rs.getString("stage_name")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Opportunity", id));
		Scopes.requireVisible(jdbc, visibility, c.ownerId(), "Opportunity", id);
		return c;
	}

	private OpportunityDetails mapDetails(ResultSet rs, int n) throws SQLException {
		OpportunityDetails d = new OpportunityDetails(rs.getLong("id"), rs.getString("name"), rs.getLong("account_id"),
				rs.getString("account_name"), Rows.longOrNull(rs, "primary_contact_id"), rs.getString("contact_name"),
				rs.getLong("pipeline_id"), rs.getString("pipeline_name"), rs.getLong("stage_id"),
				rs.getString("stage_name"), StageKind.valueOf(rs.getString("status")), rs.getInt("probability"),
				rs.getBigDecimal("amount"), rs.getString("currency"), rs.getObject("close_date", LocalDate.class),
				rs.getLong("owner_id"), rs.getString("owner_name"),
				ForecastCategory.valueOf(rs.getString("forecast_category")), rs.getString("lost_reason"),
				rs.getString("source"), Rows.longOrNull(rs, "campaign_id"), Rows.longOrNull(rs, "lead_id"),
				SalesChannel.valueOf(rs.getString("sales_channel")), Rows.longOrNull(rs, "partner_account_id"),
				rs.getString("partner_name"), Rows.instantOrNull(rs, "closed_at"), rs.getLong("version"),
				Rows.instantOrNull(rs, "created_at"), Rows.instantOrNull(rs, "updated_at"), List.of());
		return d;
	}

	private boolean exists(String sql, long id) {
		return jdbc.sql(sql).param(id).query(Integer.class).optional().isPresent();
	}

	private static void checkVersion(long id, long submitted, long current) {
		if (submitted != current) {
			throw new StaleEditException("Opportunity", id, submitted, current);
		}
	}

	private static String trimmed(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
