package org.opencrm.sales.partner;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.Scopes;
import org.opencrm.sales.shared.Period;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partner accounts (resellers, distributors, referral partners) and how their deals
 * perform. A partnership is an aggregate ({@link Partner}: its rules, one write path
 * through {@link PartnerRepository} that checks its version); the status and performance
 * read SQL rows.
 */
@Service
public class PartnerService {

	/** The partner page lists at most this many partner/currency lines. */
	public static final int MAX_LINES = 500;

	static final String AUDIT_TYPE = "partner";

	private final JdbcClient jdbc;

	private final PartnerRepository partners;

	private final AuditTrail audit;

	private final Clock clock;

	PartnerService(JdbcClient jdbc, PartnerRepository partners, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.partners = partners;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * An account's partner status ({@link NotFoundException} for an unknown account, or
	 * one {@code visibility} may not see — the rule is part of the query).
	 */
	@Transactional(readOnly = true)
	public PartnerInfo get(long accountId, Visibility visibility) {
		SqlWhere where = AccountAccess.restrictAccounts(new SqlWhere(), visibility, "a")
			.and("a.id = :id", "id", accountId);
		return where.bind(jdbc.sql("""
				select a.id as account_id, a.name as account_name, p.partner_type as type, p.since,
				       coalesce(p.version, -1) as version
				from accounts a left join partners p on p.account_id = a.id
				""" + where.sql()))
			.query(Rows.of(PartnerInfo.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("Account", accountId));
	}

	/**
	 * Makes an account a partner of a type, or changes its type.
	 * @param version the version the editor saw; -1 when it was no partner yet
	 * @throws StaleEditException when {@code version} is not the stored one
	 */
	@Transactional
	public void mark(long accountId, PartnerType type, LocalDate since, long version, Visibility visibility) {
		PartnerInfo before = get(accountId, visibility);
		LocalDate start = since != null ? since : LocalDate.now(clock);
		Partner partner = partners.findByAccountId(accountId).orElse(null);
		try {
			if (partner == null) {
				requireNew(accountId, version);
				// An identity insert runs at once, so a concurrent first marking fails
				// here.
				partner = partners.save(new Partner(accountId, type, start));
			}
			else {
				partner.checkVersion(version);
				partner.mark(type, start);
			}
			partners.flush();
		}
		catch (DataIntegrityViolationException concurrentMark) {
			throw new StaleEditException("Partner", accountId, version, 0);
		}
		audit.changed(AUDIT_TYPE, accountId, Map.of("type", String.valueOf(before.type())), partner.snapshot());
	}

	/**
	 * Ends a partnership; one with deals attributed to it can't end (the deals point at
	 * it).
	 */
	@Transactional
	public void unmark(long accountId, long version, Visibility visibility) {
		get(accountId, visibility);
		Partner partner = partners.findByAccountId(accountId).orElse(null);
		if (partner == null) {
			return;
		}
		partner.checkVersion(version);
		partner.requireEndable(jdbc.sql("select count(*) from opportunities where partner_account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single());
		var before = partner.snapshot();
		partners.delete(partner);
		// Flush now so a concurrent change fails here, as a version conflict.
		partners.flush();
		audit.changed(AUDIT_TYPE, accountId, before, Map.of("type", "null"));
	}

	/**
	 * No partner yet reads as version -1; any other version saw a partnership that has
	 * since ended.
	 */
	private static void requireNew(long accountId, long version) {
		if (version != -1) {
			throw new StaleEditException("Partner", accountId, version, -1);
		}
	}

	/**
	 * Every partner's figures, best revenue first, over the deals {@code visibility} may
	 * see.
	 * @param period null for all time
	 */
	@Transactional(readOnly = true)
	public List<PartnerPerformance> performance(Visibility visibility, Period period) {
		SqlWhere deals = new SqlWhere().and("o.partner_account_id = p.account_id");
		if (period != null) {
			deals.and("""
					((o.status = 'OPEN' and o.close_date >= :fromDate and o.close_date < :toDate)
					 or (o.status in ('WON', 'LOST') and o.closed_at >= :fromTime and o.closed_at < :toTime))""")
				.param("fromDate", period.start())
				.param("toDate", period.end())
				.param("fromTime", Timestamp.from(period.start().atStartOfDay(clock.getZone()).toInstant()))
				.param("toTime", Timestamp.from(period.end().atStartOfDay(clock.getZone()).toInstant()));
		}
		Scopes.restrict(deals, visibility, "o.owner_id", null, null);
		String sql = """
				select p.account_id, a.name as account_name, p.partner_type as type, d.currency,
				       coalesce(d.open_pipeline, 0) as open_pipeline, coalesce(d.won_revenue, 0) as won_revenue,
				       coalesce(d.open_deals, 0) as open_deals, coalesce(d.won_deals, 0) as won_deals,
				       coalesce(d.lost_deals, 0) as lost_deals
				from partners p
				join accounts a on a.id = p.account_id
				left join lateral (
				  select o.currency,
				         sum(o.amount) filter (where o.status = 'OPEN') as open_pipeline,
				         sum(o.amount) filter (where o.status = 'WON') as won_revenue,
				         count(*) filter (where o.status = 'OPEN') as open_deals,
				         count(*) filter (where o.status = 'WON') as won_deals,
				         count(*) filter (where o.status = 'LOST') as lost_deals
				  from opportunities o
				""" + deals.sql()
				+ """

						  group by o.currency
						) d on true
						order by coalesce(d.won_revenue, 0) desc, coalesce(d.open_pipeline, 0) desc, a.name, p.account_id, d.currency
						limit :limit
						""";
		return deals.bind(jdbc.sql(sql)).param("limit", MAX_LINES).query(Rows.of(PartnerPerformance.class)).list();
	}

}
