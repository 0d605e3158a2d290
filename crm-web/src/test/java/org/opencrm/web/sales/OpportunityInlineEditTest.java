package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Quick edits of a deal's fields from the list and the deal page: saved through the
 * deal's service (audit, version), a stale version conflicts, a bad value is a message
 * and changes nothing.
 */
@WebIntegrationTest
class OpportunityInlineEditTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private long[] pipeline;

	private long deal() {
		SalesTestRows rows = new SalesTestRows(jdbc);
		pipeline = rows.pipeline();
		return rows.openDeal(pipeline, rows.userId("rep"), rows.account(), "1000", LocalDate.of(2031, 3, 1));
	}

	private long version(long deal) {
		return jdbc.sql("select version from opportunities where id = ?").param(deal).query(Long.class).single();
	}

	private BigDecimal amount(long deal) {
		return jdbc.sql("select amount from opportunities where id = ?").param(deal).query(BigDecimal.class).single();
	}

	@Test
	void theListOffersClickToEditLinksThatFallBackToTheEditForm() throws Exception {
		long deal = deal();
		mvc.perform(get("/opportunities").param("q", name(deal)).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"deal-" + deal + "-amount\"")))
			.andExpect(content().string(containsString("hx-get=\"/opportunities/" + deal + "/inline/stage\"")))
			.andExpect(content().string(containsString("href=\"/opportunities/" + deal + "/edit\"")));
		// Readers of sales records see the values, no edit links.
		mvc.perform(get("/opportunities").param("q", name(deal)).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"deal-" + deal + "-amount\"")))
			.andExpect(content().string(not(containsString("/opportunities/" + deal + "/inline/"))));
		mvc.perform(get("/opportunities/" + deal + "/inline/amount").with(as(users, "agent")))
			.andExpect(status().isForbidden());
	}

	@Test
	void anAmountAndAStageAreSavedThroughTheServiceWithTheirAuditTrail() throws Exception {
		long deal = deal();
		mvc.perform(
				get("/opportunities/" + deal + "/inline/amount").header("HX-Request", "true").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"version\" value=\"0\"")))
			.andExpect(content().string(containsString("value=\"1000\"")));

		mvc.perform(post("/opportunities/" + deal + "/inline/amount").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", "2500.50"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"deal-" + deal + "-amount\"")))
			.andExpect(content().string(containsString("2,500.50")));
		assertThat(amount(deal)).isEqualByComparingTo("2500.50");
		assertThat(version(deal)).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'opportunity' and entity_id = ?")
			.param(deal)
			.query(Long.class)
			.single()).isPositive();

		mvc.perform(post("/opportunities/" + deal + "/inline/stage").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep"))
			.param("version", "1")
			.param("value", String.valueOf(pipeline[1])))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Won")));
		assertThat(jdbc.sql("select status from opportunities where id = ?").param(deal).query(String.class).single())
			.isEqualTo("WON");
	}

	@Test
	void aStaleVersionConflictsAndSavesNothing() throws Exception {
		long deal = deal();
		jdbc.sql("update opportunities set amount = 1500, version = version + 1 where id = ?").param(deal).update();

		// Without htmx: the conflict page of every edit form.
		mvc.perform(post("/opportunities/" + deal + "/inline/amount").with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", "9000"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("id=\"conflict\"")));
		// With htmx: the small form says so, offers the current version with the typed
		// value.
		mvc.perform(post("/opportunities/" + deal + "/inline/amount").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", "9000"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone else changed this deal meanwhile")))
			.andExpect(content().string(containsString("name=\"version\" value=\"1\"")))
			.andExpect(content().string(containsString("value=\"9000\"")));
		assertThat(amount(deal)).isEqualByComparingTo("1500");
		assertThat(version(deal)).isEqualTo(1);
	}

	@Test
	void aBadValueIsAMessageAndChangesNothing() throws Exception {
		long deal = deal();
		mvc.perform(post("/opportunities/" + deal + "/inline/amount").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", "-5"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter an amount of 0 or more")));
		mvc.perform(post("/opportunities/" + deal + "/inline/closeDate").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", "next week"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter a date.")));
		// A stage of another pipeline is not one of this deal's.
		long otherStage = new SalesTestRows(jdbc).pipeline()[0];
		mvc.perform(post("/opportunities/" + deal + "/inline/stage").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", String.valueOf(otherStage)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose one of the pipeline’s stages.")));
		// Without htmx the message comes back on the deal page.
		mvc.perform(post("/opportunities/" + deal + "/inline/amount").with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", "lots")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/opportunities/" + deal + "/inline/nonsense").with(as(users, "rep")))
			.andExpect(status().isNotFound());
		assertThat(amount(deal)).isEqualByComparingTo("1000");
		assertThat(version(deal)).isZero();
	}

	@Test
	void anotherRepsDealIsNotFound() throws Exception {
		long deal = deal();
		mvc.perform(post("/opportunities/" + deal + "/inline/amount").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep2"))
			.param("version", "0")
			.param("value", "1")).andExpect(status().isNotFound());
		assertThat(amount(deal)).isEqualByComparingTo("1000");
	}

	private String name(long deal) {
		return jdbc.sql("select name from opportunities where id = ?").param(deal).query(String.class).single();
	}

}
