package org.opencrm.sales.demo;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo company's sales: two pipelines, a product catalogue, a few partners, leads in
 * every status, deals across the stages with their stage history, some won or lost, and
 * assignment rules. All in batches, so it adds well under a second.
 */
@Component
@Order(10)
class SalesDemoData implements DemoDataContributor {

	static final int LEADS = 150;

	static final int DEALS = 200;

	private static final String[][] PRODUCTS = { { "CRM Starter licence", "LIC-START", "290" },
			{ "CRM Professional licence", "LIC-PRO", "890" }, { "CRM Enterprise licence", "LIC-ENT", "2400" },
			{ "Onboarding workshop", "SRV-ONB", "1500" }, { "Data migration", "SRV-MIG", "3200" },
			{ "Premium support (year)", "SUP-PREM", "1800" }, { "Standard support (year)", "SUP-STD", "600" },
			{ "Training day", "SRV-TRAIN", "1100" }, { "API add-on", "ADD-API", "450" },
			{ "Marketing add-on", "ADD-MKT", "750" }, { "Service desk add-on", "ADD-SVC", "690" },
			{ "Extra storage 100 GB", "ADD-STOR", "120" }, { "Custom report pack", "SRV-REP", "950" },
			{ "Hardware scanner", "HW-SCAN", "340" }, { "Consulting hour", "SRV-HOUR", "150" } };

	private static final String[] SOURCES = { "web-form", "trade-fair", "referral", "cold-call", "campaign", "partner",
			"import" };

	private static final String[] LOST_REASONS = { "Price", "Went with competitor", "No budget", "No decision",
			"Timing" };

	private static final String[] FIRST = { "Lena", "Tom", "Julia", "Marc", "Sara", "Oskar", "Nina", "Ravi", "Elif",
			"Pablo", "Hanna", "Igor", "Aiko", "Jan", "Lea" };

	private static final String[] LAST = { "Berger", "Lang", "Frank", "Vogel", "Roth", "Keller", "Brandt", "Sommer",
			"Hahn", "Kaiser", "Lorenz", "Arnold", "Winter", "Ernst", "Pohl" };

	private static final String[] COMPANY = { "Nordwind", "Sonnenhof", "Bergblick", "Lakeside", "Greenfield",
			"Brightway", "Northstar", "Silverline", "Redwood", "Ironbridge" };

	private static final String[] INDUSTRY = { "Manufacturing", "Retail", "Healthcare", "Finance", "Software",
			"Logistics" };

	private static final String[] COUNTRY = { "Germany", "Austria", "Switzerland", "France", "Netherlands",
			"United Kingdom" };

	private final JdbcTemplate jdbc;

	private final Clock clock;

	SalesDemoData(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	record StageInfo(long id, String kind, int probability, int position) {
	}

	@Override
	public void contribute(DemoContext ctx) {
		Random rnd = ctx.random();
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, clock.getZone());
		long newBusiness = jdbc.queryForObject(
				"insert into pipelines (name, is_default) values ('New business', true) returning id", Long.class);
		long renewals = jdbc.queryForObject("insert into pipelines (name) values ('Renewals') returning id",
				Long.class);
		Object[][] stages = { { newBusiness, "Qualification", 1, 10, "OPEN" },
				{ newBusiness, "Needs analysis", 2, 25, "OPEN" }, { newBusiness, "Proposal", 3, 50, "OPEN" },
				{ newBusiness, "Negotiation", 4, 75, "OPEN" }, { newBusiness, "Won", 5, 100, "WON" },
				{ newBusiness, "Lost", 6, 0, "LOST" }, { renewals, "Renewal due", 1, 60, "OPEN" },
				{ renewals, "Renewal offer sent", 2, 80, "OPEN" }, { renewals, "Renewed", 3, 100, "WON" },
				{ renewals, "Churned", 4, 0, "LOST" } };
		jdbc.batchUpdate(
				"insert into pipeline_stages (pipeline_id, name, position, probability, kind) values (?, ?, ?, ?, ?)",
				List.of(stages));
		List<StageInfo> nbStages = stagesOf(newBusiness);
		List<StageInfo> rnStages = stagesOf(renewals);

		List<Object[]> products = new ArrayList<>();
		for (String[] p : PRODUCTS) {
			products.add(new Object[] { p[0], p[1], new BigDecimal(p[2]),
					p[1].startsWith("SUP") ? Integer.valueOf(365) : null });
		}
		jdbc.batchUpdate(
				"insert into products (name, sku, unit_price, currency, repurchase_interval_days) values (?, ?, ?, 'EUR', ?)",
				products);
		record Product(long id, BigDecimal price) {
		}
		List<Product> productRows = jdbc.query("select id, unit_price from products order by id",
				(rs, n) -> new Product(rs.getLong(1), rs.getBigDecimal(2)));

		record Customer(long accountId, long contactId, Long ownerId) {
		}
		List<Customer> customers = jdbc.query("""
				select a.id, min(c.id), a.owner_id from accounts a join contacts c on c.account_id = a.id
				group by a.id order by a.id
				""", (rs, n) -> new Customer(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class)));
		if (customers.size() < 10) {
			return;
		}
		List<Long> partners = new ArrayList<>();
		String[] partnerTypes = { "RESELLER", "DISTRIBUTOR", "REFERRAL" };
		List<Object[]> partnerRows = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long account = customers.get(customers.size() - 1 - i).accountId();
			partners.add(account);
			partnerRows.add(new Object[] { account, partnerTypes[i % 3], Date.valueOf(today.minusYears(1 + i)) });
		}
		jdbc.batchUpdate("insert into partners (account_id, partner_type, since) values (?, ?, ?)", partnerRows);

		long[] owners = { ctx.user("rep"), ctx.user("rep2"), ctx.user("manager") };
		Long salesTeam = jdbc.queryForObject("select team_id from users where id = ?", Long.class, ctx.user("rep"));
		jdbc.update(
				"""
						insert into lead_assignment_rules (name, position, match_country, assign_user_id) values ('DACH to Rita', 1, 'Germany', ?)
						""",
				ctx.user("rep"));
		if (salesTeam != null) {
			jdbc.update("""
					insert into lead_assignment_rules (name, position, match_source, assign_team_id)
					values ('Web forms round-robin', 2, 'web-form', ?)
					""", salesTeam);
		}

		// Leads: every status, converted ones pointing at existing customers.
		String[] statuses = { "NEW", "WORKING", "QUALIFIED", "DISQUALIFIED", "CONVERTED" };
		List<Object[]> leads = new ArrayList<>();
		for (int i = 0; i < LEADS; i++) {
			String first = FIRST[rnd.nextInt(FIRST.length)];
			String last = LAST[rnd.nextInt(LAST.length)];
			String company = COMPANY[rnd.nextInt(COMPANY.length)] + " " + (i % 7 == 0 ? "Group" : "GmbH");
			String status = statuses[i % statuses.length];
			Customer conv = "CONVERTED".equals(status) ? customers.get(rnd.nextInt(customers.size() - 5)) : null;
			Instant created = now.minus(Duration.ofHours(2 + rnd.nextInt(24 * 180)));
			leads.add(new Object[] { first, last, (first + "." + last + i).toLowerCase() + "@lead.example",
					"+49 40 " + (100000 + rnd.nextInt(899999)), company, "Manager",
					INDUSTRY[rnd.nextInt(INDUSTRY.length)], COUNTRY[rnd.nextInt(COUNTRY.length)],
					10 + rnd.nextInt(2000), SOURCES[rnd.nextInt(SOURCES.length)], status,
					"DISQUALIFIED".equals(status) ? "No budget this year" : null, rnd.nextInt(100), rnd.nextInt(4) == 0,
					owners[rnd.nextInt(owners.length)], conv == null ? null : conv.accountId(),
					conv == null ? null : conv.contactId(),
					conv == null ? null : Timestamp.from(created.plus(Duration.ofDays(3))), Timestamp.from(created),
					Timestamp.from(created) });
		}
		jdbc.batchUpdate("""
				insert into leads (first_name, last_name, email, phone, company, title, industry, country, company_size,
				                   source, status, disqualified_reason, score, mql, owner_id, converted_account_id,
				                   converted_contact_id, converted_at, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", leads);
		jdbc.update(
				"""
						insert into lead_activities (lead_id, kind, subject, occurred_at, author_id)
						select id, 'CALL', 'Intro call', created_at + interval '1 day', owner_id from leads where status <> 'NEW'
						""");

		// Deals: random stage; won and lost ones closed in the past, open ones closing in
		// the coming months.
		List<Object[]> deals = new ArrayList<>();
		List<int[]> paths = new ArrayList<>();
		for (int i = 0; i < DEALS; i++) {
			Customer c = customers.get(rnd.nextInt(customers.size() - 5));
			boolean renewal = i % 5 == 4;
			List<StageInfo> st = renewal ? rnStages : nbStages;
			int idx = rnd.nextInt(st.size());
			StageInfo s = st.get(idx);
			boolean partner = rnd.nextInt(8) == 0;
			Instant created = now.minus(Duration.ofDays(20 + rnd.nextInt(200)));
			LocalDate close = "OPEN".equals(s.kind()) ? today.plusDays(rnd.nextInt(150) - 10)
					: LocalDate.ofInstant(created, clock.getZone()).plusDays(10 + rnd.nextInt(15));
			Instant closedAt = "OPEN".equals(s.kind()) ? null : close.atStartOfDay(clock.getZone()).toInstant();
			BigDecimal amount = BigDecimal.valueOf(1000L * (2 + rnd.nextInt(60)));
			String forecast = switch (s.kind()) {
				case "WON" -> "CLOSED";
				case "LOST" -> "OMITTED";
				default -> s.probability() >= 75 ? "COMMIT" : s.probability() >= 50 ? "BEST_CASE" : "PIPELINE";
			};
			deals.add(new Object[] { (renewal ? "Renewal " : "Deal ") + (i + 1), c.accountId(), c.contactId(),
					renewal ? renewals : newBusiness, s.id(), s.kind(), amount, Date.valueOf(close),
					dealOwner(c.ownerId(), owners[rnd.nextInt(owners.length)]), forecast,
					"LOST".equals(s.kind()) ? LOST_REASONS[rnd.nextInt(LOST_REASONS.length)] : null,
					SOURCES[rnd.nextInt(SOURCES.length)], partner ? "PARTNER" : "DIRECT",
					partner ? partners.get(rnd.nextInt(partners.size())) : null,
					closedAt == null ? null : Timestamp.from(closedAt), Timestamp.from(created),
					Timestamp.from(created) });
			paths.add(new int[] { renewal ? 1 : 0, idx });
		}
		jdbc.batchUpdate(
				"""
						insert into opportunities (name, account_id, primary_contact_id, pipeline_id, stage_id, status, amount,
						                           currency, close_date, owner_id, forecast_category, lost_reason, source,
						                           sales_channel, partner_account_id, closed_at, stage_changed_at, created_at, updated_at)
						values (?, ?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						""",
				deals.stream().map(d -> {
					Object[] row = java.util.Arrays.copyOf(d, d.length + 1);
					row[d.length] = d[15];
					return row;
				}).toList());
		List<long[]> dealRows = jdbc.query(
				"select id, owner_id, extract(epoch from created_at)::bigint from opportunities order by id",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) });

		List<Object[]> lines = new ArrayList<>();
		List<Object[]> history = new ArrayList<>();
		for (int i = 0; i < dealRows.size(); i++) {
			long id = dealRows.get(i)[0];
			if (i % 2 == 0) {
				int n = 1 + rnd.nextInt(3);
				for (int k = 0; k < n; k++) {
					Product p = productRows.get(rnd.nextInt(productRows.size()));
					lines.add(new Object[] { id, p.id(), k + 1, BigDecimal.valueOf(1 + rnd.nextInt(20)), p.price(),
							BigDecimal.valueOf(rnd.nextInt(4) * 5L) });
				}
			}
			int[] path = paths.get(i);
			List<StageInfo> st = path[0] == 1 ? rnStages : nbStages;
			StageInfo target = st.get(path[1]);
			// Walk the open stages up to the target (won/lost deals pass through some
			// open stages first).
			List<StageInfo> walk = new ArrayList<>();
			for (StageInfo s : st) {
				if (!"OPEN".equals(s.kind())) {
					continue;
				}
				if ("OPEN".equals(target.kind()) && s.position() > target.position()) {
					break;
				}
				walk.add(s);
				if (s.id() == target.id()) {
					break;
				}
			}
			if (!"OPEN".equals(target.kind())) {
				walk = walk.subList(0, 1 + rnd.nextInt(walk.size()));
				walk.add(target);
			}
			Instant at = Instant.ofEpochSecond(dealRows.get(i)[2]);
			Long from = null;
			for (StageInfo s : walk) {
				history.add(new Object[] { id, from, s.id(), s.probability(), dealRows.get(i)[1], Timestamp.from(at) });
				from = s.id();
				at = at.plus(Duration.ofDays(1 + rnd.nextInt(6)));
			}
		}
		jdbc.batchUpdate(
				"""
						insert into opportunity_line_items (opportunity_id, product_id, position, quantity, unit_price, discount_percent)
						values (?, ?, ?, ?, ?, ?)
						""",
				lines);
		jdbc.update(
				"""
						update opportunities o set amount = l.total
						from (select opportunity_id, sum(line_total) as total from opportunity_line_items group by opportunity_id) l
						where l.opportunity_id = o.id
						""");
		jdbc.batchUpdate(
				"""
						insert into opportunity_stage_history (opportunity_id, from_stage_id, to_stage_id, amount, probability, changed_by, changed_at)
						values (?, ?, ?, 0, ?, ?, ?)
						""",
				history);
		jdbc.update(
				"""
						update opportunity_stage_history h set amount = o.amount from opportunities o where o.id = h.opportunity_id
						""");
		jdbc.update(
				"""
						update opportunities o set stage_changed_at = h.last
						from (select opportunity_id, max(changed_at) as last from opportunity_stage_history group by opportunity_id) h
						where h.opportunity_id = o.id
						""");
	}

	private List<StageInfo> stagesOf(long pipelineId) {
		return jdbc.query(
				"select id, kind, probability, position from pipeline_stages where pipeline_id = ? order by position",
				(rs, n) -> new StageInfo(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)), pipelineId);
	}

	/**
	 * A deal belongs to whoever owns its account, so a rep can open the customer of every
	 * deal they own (AccountAccess); the random pick (drawn either way, to keep the rest
	 * of the demo the same) only for an unowned account.
	 */
	private static long dealOwner(Long accountOwner, long randomOwner) {
		return accountOwner != null ? accountOwner : randomOwner;
	}

}
