package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A full board (every column at its card cap) stays a light page: one move form for the
 * board, not one per card.
 */
@WebIntegrationTest
class BoardPageSizeTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFullBoardStaysLight() throws Exception {
		long rep = users.loadUserByUsername("rep").id();
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
						                           owner_id, forecast_category)
						select 'Full board deal ' || g, (select min(id) from accounts where owner_id = ?), s.pipeline_id, s.id,
						       s.kind, 1000 + g, 'EUR', current_date + (g % 90), ?, 'PIPELINE'
						from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default
						cross join generate_series(1, 25) g
						where s.active
						""")
			.params(rep, rep)
			.update();
		for (String user : new String[] { "rep", "manager" }) {
			String page = mvc.perform(get("/opportunities/board").with(as(users, user)))
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			int cards = page.split("class=\"card mb-2 board-card\"", -1).length - 1;
			assertThat(cards).as(user).isEqualTo(120);
			// With a form per card this board was 187 KB; one form for the board and a
			// radio per card make it 69 KB.
			assertThat(page.getBytes(StandardCharsets.UTF_8).length).as(user).isLessThan(80_000);
			assertThat(page).as(user).containsOnlyOnce("id=\"board-move\"").doesNotContain("move-form");
		}
	}

}
