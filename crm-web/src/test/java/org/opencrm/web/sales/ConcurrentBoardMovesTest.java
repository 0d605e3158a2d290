package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.Concurrently;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Twenty people move the same card at once, each from the board they loaded: one move
 * lands, the other nineteen are told the deal changed meanwhile (never "not found" or an
 * error), and the move is in the deal's field history.
 */
@WebIntegrationTest
class ConcurrentBoardMovesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void oneOfTwentyConcurrentMovesLandsAndTheOthersAreToldItChanged() throws Exception {
		long rep = users.loadUserByUsername("rep").id();
		long deal = jdbc.sql("select min(id) from opportunities where owner_id = ? and status = 'OPEN'")
			.param(rep)
			.query(Long.class)
			.single();
		long[] state = jdbc.sql("select stage_id, version, pipeline_id from opportunities where id = ?")
			.param(deal)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.single();
		List<Long> targets = jdbc.sql(
				"select id from pipeline_stages where pipeline_id = ? and kind = 'OPEN' and active and id <> ? order by id")
			.params(state[2], state[0])
			.query(Long.class)
			.list();
		assertThat(targets).isNotEmpty();

		long stageChangesBefore = stageChanges(deal);

		List<String> answers = moveConcurrently(deal, state[1], targets, 20);

		assertThat(answers).filteredOn("moved"::equals).hasSize(1);
		assertThat(answers).filteredOn("changed"::equals).hasSize(19);
		assertThat(jdbc.sql("select version from opportunities where id = ?").param(deal).query(Long.class).single())
			.isEqualTo(state[1] + 1);
		assertThat(stageChanges(deal)).isEqualTo(stageChangesBefore + 1);
	}

	private long stageChanges(long deal) {
		return jdbc.sql("""
				select count(*) from audit_log where entity_type = 'opportunity' and entity_id = ? and field = 'stage'
				""").param(deal).query(Long.class).single();
	}

	private List<String> moveConcurrently(long deal, long version, List<Long> targets, int n) throws Exception {
		return Concurrently.run(n, i -> () -> {
			MvcResult result = mvc
				.perform(post("/opportunities/" + deal + "/stage").with(as(users, "rep"))
					.with(csrf())
					.param("version", String.valueOf(version))
					.param("stageId", String.valueOf(targets.get(i % targets.size())))
					.param("back", "/opportunities/board"))
				.andReturn();
			if (result.getResponse().getStatus() != 302) {
				return "status " + result.getResponse().getStatus();
			}
			Object error = result.getFlashMap().get("ruleError");
			if (error == null) {
				return "moved";
			}
			return String.valueOf(error).contains("not moved") ? "changed" : String.valueOf(error);
		});
	}

}
