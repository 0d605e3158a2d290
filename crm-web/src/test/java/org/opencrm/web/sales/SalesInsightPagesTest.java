package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class SalesInsightPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	// --- products

	@Test
	void anAdminCreatesAProductAStaleEditConflictsAndAManagerMayEditTheCatalogueButARepMayNot() throws Exception {
		String sku = "OK-" + SalesTestRows.unique();
		mvc.perform(post("/admin/products").param("name", "Good Product")
			.param("sku", sku)
			.param("unitPrice", "12.50")
			.param("currency", "eur")
			.param("repurchaseIntervalDays", "30")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "admin"))).andExpect(redirectedUrl("/admin/products"));
		assertThat(count(
				"select count(*) from products where sku = ? and currency = 'EUR' and repurchase_interval_days = 30",
				sku))
			.isOne();

		long id = count("select id from products where sku = ?", sku);
		mvc.perform(post("/admin/products/" + id).param("name", "Stale Edit")
			.param("sku", sku)
			.param("unitPrice", "1")
			.param("currency", "EUR")
			.param("version", "7")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(status().isConflict());
		assertThat(count("select count(*) from products where name = 'Stale Edit'")).isZero();

		mvc.perform(get("/admin/products").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Products")));
		mvc.perform(get("/admin/products").with(as(users, "rep"))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/products").param("name", "Sneaky")
			.param("sku", "SN-1")
			.param("unitPrice", "1")
			.param("currency", "EUR")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().isForbidden());
	}

	@Test
	void aNegativeOrUnreadablePriceAndADuplicateSkuAreFieldMessagesAndSaveNothing() throws Exception {
		String sku = "DUP-" + SalesTestRows.unique();
		jdbc.sql("insert into products (name, sku, unit_price, currency) values ('First', ?, 1, 'EUR')")
			.param(sku)
			.update();

		mvc.perform(post("/admin/products").param("name", "Negative")
			.param("sku", "NEG-" + sku)
			.param("unitPrice", "-5")
			.param("currency", "EUR")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(view().name("sales/product-form"))
			.andExpect(model().attributeHasFieldErrors("form", "unitPrice"))
			.andExpect(content().string(containsString("The unit price can’t be negative.")))
			.andExpect(content().string(containsString("value=\"Negative\"")));
		mvc.perform(post("/admin/products").param("name", "Words")
			.param("sku", "W-" + sku)
			.param("unitPrice", "cheap")
			.param("currency", "EUR")
			.param("repurchaseIntervalDays", "0")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "unitPrice", "repurchaseIntervalDays"))
			.andExpect(content().string(containsString("Enter a price, like 29.90.")))
			.andExpect(content().string(containsString("value=\"cheap\"")));
		mvc.perform(post("/admin/products").param("name", "Second")
			.param("sku", sku.toLowerCase())
			.param("unitPrice", "2")
			.param("currency", "EUR")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "sku"))
			.andExpect(content().string(containsString("Another product already has this SKU.")));

		assertThat(count("select count(*) from products where name in ('Negative', 'Words', 'Second')")).isZero();
	}

	// --- quotas

	@Test
	void aManagerSavesTheTeamsQuotaGridAndARepOnlyReadsTheirOwn() throws Exception {
		var rows = new SalesTestRows(jdbc);
		long rep2 = rows.userId("rep2");
		int year = 2031;
		mvc.perform(post("/quotas").param("year", String.valueOf(year))
			.param("periodType", "QUARTER")
			.param("currency", "EUR")
			.param("amounts[" + rep2 + "_" + year + "-Q2]", "45,000.50")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(redirectedUrl("/quotas?year=2031&type=QUARTER"));
		assertThat(
				count("""
						select count(*) from quotas where user_id = ? and period_type = 'QUARTER' and period_start = '2031-04-01'
						and amount = 45000.50
						""",
						rep2))
			.isOne();

		mvc.perform(get("/quotas").param("year", "2031").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Rita Rep")))
			.andExpect(content().string(not(containsString("Sam Seller"))))
			.andExpect(content().string(not(containsString("quota-cell"))));
		mvc.perform(post("/quotas").param("year", "2031")
			.param("periodType", "QUARTER")
			.param("currency", "EUR")
			.param("amounts[" + rep2 + "_2031-Q3]", "1")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().isForbidden());
	}

	@Test
	void aQuotaCellThatIsNoAmountOrNegativeIsMarkedAndNothingIsSaved() throws Exception {
		long rep = new SalesTestRows(jdbc).userId("rep");
		mvc.perform(post("/quotas").param("year", "2032")
			.param("periodType", "MONTH")
			.param("currency", "EUR")
			.param("amounts[" + rep + "_2032-01]", "1000")
			.param("amounts[" + rep + "_2032-02]", "lots")
			.param("amounts[" + rep + "_2032-03]", "-10")
			.with(csrf())
			.with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(view().name("sales/quotas"))
			.andExpect(content().string(containsString("Enter an amount, like 25000 or 25000.50.")))
			.andExpect(content().string(containsString("The amount can’t be negative.")))
			.andExpect(content().string(containsString("value=\"lots\"")));
		assertThat(count("select count(*) from quotas where user_id = ? and period_start >= '2032-01-01'", rep))
			.isZero();
	}

	// --- forecast

	@Test
	void aRepSeesTheirOwnForecastAndAManagerTheTeams() throws Exception {
		var rows = new SalesTestRows(jdbc);
		long[] pipeline = rows.pipeline();
		long account = rows.account();
		Period quarter = Period.containing(PeriodType.QUARTER, LocalDate.now(ZoneId.systemDefault()));
		rows.openDeal(pipeline, rows.userId("rep"), account, "1000", quarter.start().plusDays(20));
		rows.openDeal(pipeline, rows.userId("rep2"), account, "2000", quarter.start().plusDays(20));

		mvc.perform(get("/forecast").param("period", quarter.key()).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Forecast " + quarter.key())))
			.andExpect(content().string(containsString("Rita Rep")))
			.andExpect(content().string(not(containsString("Sam Seller"))));
		mvc.perform(get("/forecast").param("period", quarter.key()).with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Rita Rep")))
			.andExpect(content().string(containsString("Sam Seller")));
		mvc.perform(get("/forecast").with(as(users, "agent"))).andExpect(status().isForbidden());
	}

	@Test
	void anUnreadablePeriodIsAMessageAndTheCurrentQuarterIsShown() throws Exception {
		mvc.perform(get("/forecast").param("period", "2026-Q9").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("That is not a period")));
		mvc.perform(get("/partners").param("period", "soon").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("That is not a period")));
	}

	// --- my day

	@Test
	void myDayListsOverdueTasksDealsClosingThisMonthAndColdLeadsWithLinks() throws Exception {
		var rows = new SalesTestRows(jdbc);
		// A rep of their own, so other tests' tasks, deals and leads don't crowd the
		// lists.
		String username = "myday-" + SalesTestRows.unique();
		long rep = jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role) values (?, 'Day Rep', '{noop}x', 'SALES_REP')
					returning id
					""")
			.param(username)
			.query(Long.class)
			.single();
		long account = rows.account();
		long task = rows.task(rep, Instant.now().minus(Duration.ofDays(2)), account);
		rows.task(rep, Instant.now().plus(Duration.ofDays(3)), account);
		LocalDate today = LocalDate.now(ZoneId.systemDefault());
		long deal = rows.openDeal(rows.pipeline(), rep, account, "1234", today.withDayOfMonth(today.lengthOfMonth()));
		long nextMonth = rows.openDeal(rows.pipeline(), rep, account, "99", today.withDayOfMonth(1).plusMonths(1));
		long lead = rows.staleLead(rep, Instant.now().minus(Duration.ofDays(30)));
		long freshLead = rows.staleLead(rep, Instant.now().minus(Duration.ofDays(1)));

		mvc.perform(get("/my-day").with(as(users, username)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/tasks/" + task + "/complete")))
			.andExpect(content().string(containsString("/opportunities/" + deal)))
			.andExpect(content().string(not(containsString("/opportunities/" + nextMonth + "\""))))
			.andExpect(content().string(containsString("/leads/" + lead)))
			.andExpect(content().string(not(containsString("/leads/" + freshLead + "\""))));
		mvc.perform(get("/").with(as(users, "rep"))).andExpect(content().string(containsString("href=\"/my-day\"")));
	}

	// --- settings

	@Test
	void salesSettingsRefuseDaysOutOfRangeAndSaveGoodOnes() throws Exception {
		long version = count("select version from sales_settings");
		mvc.perform(post("/admin/sales-settings").param("followUpDays", "0")
			.param("untouchedLeadDays", "x")
			.param("version", String.valueOf(version))
			.with(csrf())
			.with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "followUpDays", "untouchedLeadDays"))
			.andExpect(content().string(containsString("At least 1 day.")));
		assertThat(count("select version from sales_settings")).isEqualTo(version);

		mvc.perform(post("/admin/sales-settings").param("followUpDays", "10")
			.param("untouchedLeadDays", "7")
			.param("version", String.valueOf(version))
			.with(csrf())
			.with(as(users, "admin"))).andExpect(redirectedUrl("/admin/sales-settings"));
		assertThat(count("select follow_up_days from sales_settings")).isEqualTo(10);
		mvc.perform(post("/admin/sales-settings").param("followUpDays", "12")
			.param("untouchedLeadDays", "7")
			.param("version", String.valueOf(version))
			.with(csrf())
			.with(as(users, "admin"))).andExpect(status().isConflict());
		mvc.perform(get("/admin/sales-settings").with(as(users, "manager"))).andExpect(status().isForbidden());
	}

	// --- purchases and partners on the account page

	@Test
	void theAccountDashboardShowsPurchasesAndLinksToAllOfThem() throws Exception {
		var rows = new SalesTestRows(jdbc);
		long account = rows.account();
		long deal = rows.wonDeal(rows.pipeline(), rows.userId("rep"), account, "30",
				Instant.now().minus(Duration.ofDays(3)));
		rows.lineItem(deal, rows.product("Purchased Widget"), "3");

		// On the account's dashboard, rendered with the page.
		mvc.perform(get("/accounts/" + account).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("3 × Purchased Widget")))
			.andExpect(content().string(containsString("/sales/accounts/" + account + "/purchases")));
		mvc.perform(get("/sales/accounts/" + account + "/purchases").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Purchased Widget")))
			.andExpect(content().string(containsString("/opportunities/" + deal)));
		mvc.perform(get("/sales/accounts/999999999/purchases").with(as(users, "rep"))).andExpect(status().isNotFound());
	}

	@Test
	void aManagerMarksAnAccountAsPartnerAndItShowsOnThePartnerPage() throws Exception {
		var rows = new SalesTestRows(jdbc);
		long account = rows.account();
		String name = jdbc.sql("select name from accounts where id = ?").param(account).query(String.class).single();

		mvc.perform(post("/partners/accounts/" + account).param("type", "RESELLER")
			.param("version", "-1")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().isForbidden());
		mvc.perform(post("/partners/accounts/" + account).param("type", "NOT_A_TYPE")
			.param("version", "-1")
			.with(csrf())
			.with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "type"));
		mvc.perform(post("/partners/accounts/" + account).param("type", "RESELLER")
			.param("since", "2026-01-15")
			.param("version", "-1")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(redirectedUrl("/accounts/" + account));

		assertThat(count("select count(*) from partners where account_id = ? and partner_type = 'RESELLER'", account))
			.isOne();
		mvc.perform(get("/partners").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)));
		mvc.perform(get("/accounts/" + account).with(as(users, "manager")))
			.andExpect(content().string(containsString("id=\"partner-badge\"")))
			.andExpect(content().string(containsString("id=\"partner-link\"")));
	}

	@Test
	void everySalesInsightPageOpensForThoseAllowedToUseIt() throws Exception {
		var rows = new SalesTestRows(jdbc);
		long account = rows.account();
		long contact = jdbc
			.sql("""
					insert into contacts (account_id, first_name, last_name, lifecycle_stage) values (?, 'Smoke', 'Test', 'LEAD')
					returning id
					""")
			.param(account)
			.query(Long.class)
			.single();
		long product = rows.product("Smoke Product");
		String[][] pages = { { "/admin/products/new", "admin" }, { "/admin/products/" + product + "/edit", "manager" },
				{ "/admin/products?activeOnly=true", "admin" }, { "/partners/accounts/" + account, "manager" },
				{ "/sales/contacts/" + contact + "/purchases", "rep" }, { "/quotas?type=MONTH", "admin" },
				{ "/admin/sales-settings", "admin" }, { "/forecast?period=2026-11", "admin" },
				{ "/partners?period=2026-Q4", "rep" }, { "/my-day", "agent" } };
		for (String[] page : pages) {
			mvc.perform(get(page[0]).with(as(users, page[1]))).andExpect(status().isOk());
		}
		mvc.perform(get("/contacts/" + contact).with(as(users, "rep")))
			.andExpect(content().string(containsString("id=\"dashboard-sales\"")));
		mvc.perform(post("/admin/products/" + product + "/active").param("active", "false")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(redirectedUrl("/admin/products"));
		assertThat(count("select count(*) from products where id = ? and not active", product)).isOne();
	}

	@Test
	void theForecastApiAnswersJsonWithTheCallersVisibilityAndABadPeriodIsAProblem() throws Exception {
		var rows = new SalesTestRows(jdbc);
		Period quarter = Period.containing(PeriodType.QUARTER, LocalDate.now(ZoneId.systemDefault()));
		rows.openDeal(rows.pipeline(), rows.userId("rep2"), rows.account(), "777", quarter.start().plusDays(3));

		mvc.perform(get("/api/v1/forecast").param("period", quarter.key()).with(httpBasic("rep", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.period").value(quarter.key()))
			.andExpect(jsonPath("$.reps[*].userName", everyItem(is("Rita Rep"))));
		mvc.perform(get("/api/v1/forecast").param("period", quarter.key()).with(httpBasic("manager", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reps[*].userName", hasItem("Sam Seller")))
			.andExpect(jsonPath("$.totals[0].currency").value("EUR"));
		mvc.perform(get("/api/v1/forecast").param("period", "Q5").with(httpBasic("manager", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/forecast").with(httpBasic("agent", "demo"))).andExpect(status().isForbidden());
	}

}
