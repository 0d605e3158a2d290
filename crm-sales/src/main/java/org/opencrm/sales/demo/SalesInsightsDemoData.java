package org.opencrm.sales.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.opencrm.sales.partner.PartnerType;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Quotas for the sellers (last four quarters and the next one) and a handful of partner
 * accounts, with some of the demo deals sold through them. Runs after the deals' own demo
 * (order 10) and works without it: with no deals, the partners simply have none.
 */
@Component
@Order(20)
class SalesInsightsDemoData implements DemoDataContributor {

	static final int PARTNERS = 5;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	SalesInsightsDemoData(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void contribute(DemoContext ctx) {
		Random rnd = ctx.random();
		Period current = Period.containing(PeriodType.QUARTER, LocalDate.now(clock));
		List<Object[]> quotas = new ArrayList<>();
		String[][] sellers = { { "rep", "120000" }, { "rep2", "100000" }, { "manager", "80000" } };
		for (String[] seller : sellers) {
			Period p = current.previous().previous().previous().previous();
			for (int i = 0; i < 6; i++, p = p.next()) {
				BigDecimal amount = new BigDecimal(seller[1]).add(BigDecimal.valueOf(5000L * rnd.nextInt(5)));
				quotas.add(new Object[] { ctx.user(seller[0]), p.start(), amount });
			}
		}
		jdbc.batchUpdate("""
				insert into quotas (user_id, period_type, period_start, amount, currency)
				values (?, 'QUARTER', ?, ?, 'EUR')
				""", quotas);

		List<Long> accounts = jdbc.queryForList("""
				select id from accounts where lifecycle_stage in ('CUSTOMER', 'EVANGELIST') order by id limit 60
				""", Long.class);
		List<Object[]> partners = new ArrayList<>();
		PartnerType[] types = PartnerType.values();
		for (int i = 0; i < Math.min(PARTNERS, accounts.size()); i++) {
			long account = accounts.get(rnd.nextInt(accounts.size()));
			partners.add(new Object[] { account, types[i % types.length].name(),
					LocalDate.now(clock).minusDays(90 + rnd.nextInt(700)) });
		}
		jdbc.batchUpdate("""
				insert into partners (account_id, partner_type, since) values (?, ?, ?)
				on conflict (account_id) do nothing
				""", partners);
		// About one deal in eight is sold through a partner, if the deals' demo made any.
		jdbc.update("""
				update opportunities o set partner_account_id = p.account_id, sales_channel = 'PARTNER'
				from (select account_id, row_number() over (order by account_id) - 1 as n, count(*) over () as c
				      from partners) p
				where o.id % 8 = 0 and o.account_id <> p.account_id and p.n = (o.id / 8) % p.c
				""");
	}

}
