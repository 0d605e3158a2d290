package org.opencrm.web.system;

import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Requests a browser never makes (an edited paging cursor, a stray trailing slash, a
 * return path with a line break) are answered as bad requests or missing pages, never as
 * a server error.
 */
@WebIntegrationTest
class MalformedRequestTest {

	/**
	 * Decodes fine but its sort value is no timestamp: used to reach the database as a
	 * failed cast.
	 */
	static final String FORGED = Keyset.encode("not-a-date", 1, true);

	/** Not Base64 at all, and a NUL byte in the sort value. */
	static final List<String> GARBAGE = List.of("@@@", Keyset.encode("a\u0000b", 1, true), "bjp4OjE");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private long first(String table) {
		return jdbc.sql("select min(id) from " + table).query(Long.class).single();
	}

	/**
	 * Pages whose cursor carries a time, a date or a number, which used to reach SQL as a
	 * failed cast.
	 */
	private List<String> typedCursorPages() {
		long account = first("accounts");
		long contact = first("contacts");
		return List.of("/leads", "/opportunities", "/tasks", "/tasks?status=DONE", "/accounts?sort=NEWEST",
				"/contacts?sort=NEWEST", "/service/tickets", "/service/queue", "/service/queue/board", "/service/kb",
				"/marketing/campaigns", "/marketing/scoring", "/analytics/at-risk", "/accounts/" + account,
				"/contacts/" + contact, "/accounts/" + account + "/timeline", "/contacts/" + contact + "/timeline",
				"/sales/accounts/" + account + "/purchases", "/sales/contacts/" + contact + "/purchases",
				"/marketing/forms/" + first("lead_forms"));
	}

	/**
	 * Pages sorted by name or id: any text is a possible name, but a cursor must still
	 * decode.
	 */
	private List<String> otherCursorPages() {
		return List.of("/accounts", "/contacts", "/admin/inbound-mail", "/admin/products", "/marketing/forms",
				"/marketing/segments", "/marketing/segments/" + first("segments"));
	}

	private List<String> apis() {
		String slug = jdbc.sql("select slug from lead_forms order by id limit 1").query(String.class).single();
		return List.of("/api/v1/leads", "/api/v1/opportunities", "/api/v1/tickets", "/api/v1/campaigns",
				"/api/v1/segments", "/api/v1/segments/" + first("segments") + "/members",
				"/api/v1/forms/" + slug + "/submissions");
	}

	private static String withCursor(String path, String cursor) {
		return path + (path.contains("?") ? "&" : "?") + "cursor=" + cursor;
	}

	@Test
	void aForgedCursorOnAnyStaffPageIsABadRequestPage() throws Exception {
		List<String> urls = new ArrayList<>();
		typedCursorPages().forEach(page -> concat(FORGED, GARBAGE).forEach(c -> urls.add(withCursor(page, c))));
		otherCursorPages().forEach(page -> GARBAGE.forEach(c -> urls.add(withCursor(page, c))));
		for (String url : urls) {
			{
				try {
					mvc.perform(get(url).with(as(users, "admin")).accept(MediaType.TEXT_HTML))
						.andExpect(status().isBadRequest())
						.andExpect(content().string(containsString("This link is not valid")));
				}
				catch (AssertionError ex) {
					throw new AssertionError(url + ": " + ex.getMessage(), ex);
				}
			}
		}
	}

	@Test
	void aForgedCursorOnThePortalIsABadRequestPage() throws Exception {
		for (String cursor : concat(Keyset.encode("yesterday", 1, true), GARBAGE)) {
			mvc.perform(get(withCursor("/portal", cursor)).with(as(users, "customer")).accept(MediaType.TEXT_HTML))
				.andExpect(status().isBadRequest());
		}
	}

	@Test
	void aForgedCursorOnTheApiIsABadRequestProblem() throws Exception {
		for (String api : apis()) {
			// Segments are listed by name: only undecodable cursors are refused there.
			for (String cursor : api.equals("/api/v1/segments") || api.endsWith("/members") ? GARBAGE
					: concat(FORGED, GARBAGE)) {
				try {
					mvc.perform(
							get(withCursor(api, cursor)).with(as(users, "admin")).accept(MediaType.APPLICATION_JSON))
						.andExpect(status().isBadRequest())
						.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
						.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/bad-cursor"));
				}
				catch (AssertionError ex) {
					throw new AssertionError(api + " " + cursor + ": " + ex.getMessage(), ex);
				}
			}
		}
	}

	@Test
	void theCursorsThePagerWritesStillWork() throws Exception {
		mvc.perform(
				get(withCursor("/leads", Keyset.encode("2026-01-01T10:00:00.000000", 1, true))).with(as(users, "rep")))
			.andExpect(status().isOk());
		mvc.perform(get(withCursor("/opportunities", Keyset.encode("2026-01-01", 1, false))).with(as(users, "rep")))
			.andExpect(status().isOk());
		mvc.perform(get(withCursor("/marketing/scoring", Keyset.encode("12", 1, true))).with(as(users, "marketer")))
			.andExpect(status().isOk());
	}

	@Test
	void aTrailingSlashIsAMissingPageNotAnError() throws Exception {
		long account = first("accounts");
		mvc.perform(get("/accounts/" + account + "/").with(as(users, "admin")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Not found")));
		mvc.perform(get("/api/v1/leads/" + first("leads") + "/").with(as(users, "admin"))
			.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aLineBreakInAReturnPathNeverReachesTheLocationHeader() throws Exception {
		long deal = jdbc.sql("select id from opportunities where status = 'OPEN' order by id limit 1")
			.query(Long.class)
			.single();
		long version = jdbc.sql("select version from opportunities where id = ?")
			.param(deal)
			.query(Long.class)
			.single();
		long stage = jdbc.sql("select stage_id from opportunities where id = ?").param(deal).query(Long.class).single();
		mvc.perform(post("/opportunities/{id}/stage", deal).param("version", String.valueOf(version))
			.param("stageId", String.valueOf(stage))
			.param("back", "/opportunities/board\r\nSet-Cookie: x=1")
			.with(csrf())
			.with(as(users, "admin"))).andExpect(redirectedUrl("/opportunities/" + deal));
		mvc.perform(post("/service/queue/bulk").param("returnTo", "/service/queue\r\nSet-Cookie: x=1")
			.with(csrf())
			.with(as(users, "agent"))).andExpect(redirectedUrl("/service/queue"));
		mvc.perform(post("/service/queue/bulk").param("returnTo", "/service/queue\t/evil.example")
			.with(csrf())
			.with(as(users, "agent"))).andExpect(redirectedUrl("/service/queue"));
		mvc.perform(post("/tasks/{id}/complete", first("tasks")).param("returnTo", "/\t/evil.example")
			.with(csrf())
			.with(as(users, "admin"))).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/tasks"));
	}

	private static List<String> concat(String one, List<String> more) {
		List<String> all = new ArrayList<>(List.of(one));
		all.addAll(more);
		return all;
	}

}
