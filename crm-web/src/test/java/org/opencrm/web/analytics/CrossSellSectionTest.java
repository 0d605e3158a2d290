package org.opencrm.web.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencrm.core.health.HealthRecompute;
import org.opencrm.sales.crosssell.CrossSellService;
import org.opencrm.sales.crosssell.CrossSellSuggestion;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The cross-sell fragment shows each suggestion with its reason in words; the demo
 * company has some right away.
 */
@WebIntegrationTest
class CrossSellSectionTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CrossSellService crossSell;

	@Autowired
	HealthRecompute recompute;

	@Test
	void theDemoCompanyHasSuggestionsAndTheSectionExplainsEach() throws Exception {
		// The demo seed computed the affinity already; an account that bought something
		// gets suggestions.
		long account = jdbc
			.sql("""
					with bought as (
					  select distinct o.account_id, li.product_id from opportunities o
					  join opportunity_line_items li on li.opportunity_id = o.id where o.status = 'WON')
					select min(b.account_id) from bought b
					join product_affinity pa on pa.product_id = b.product_id and pa.customers >= 2
					join products p on p.id = pa.other_product_id and p.active
					where not exists (select 1 from bought x where x.account_id = b.account_id and x.product_id = pa.other_product_id)
					""")
			.query(Long.class)
			.single();
		var suggestions = crossSell.forAccount(account, 5);
		assertThat(suggestions).isNotEmpty();
		CrossSellSuggestion first = suggestions.get(0);

		// An agent works across every customer (a rep only sees their own accounts, see
		// CustomerAccessTest).
		String page = mvc.perform(get("/accounts/" + account).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		String section = Html.element(page, "<div[^>]*id=\"cross-sell\"", "ul");
		assertThat(Html.text(section)).contains(first.productName())
			.contains("bought by " + first.customersWithBoth() + " of the " + first.customersWithReason()
					+ " customers who also bought " + first.reasonProductName());
	}

	@Test
	void theDemoCompanyHasHealthForEveryAccountAndSomeAtRisk() {
		var bands = jdbc.sql("select band, count(*) from customer_health group by band order by band")
			.query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
			.list();
		var rfm = jdbc.sql("select rfm_segment, count(*) from customer_health group by 1 order by 1")
			.query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
			.list();
		System.out.println("[health] demo bands " + bands + " rfm " + rfm);
		assertThat(bands).anyMatch(b -> b.startsWith("AT_RISK=")).anyMatch(b -> b.startsWith("HEALTHY="));
	}

}
