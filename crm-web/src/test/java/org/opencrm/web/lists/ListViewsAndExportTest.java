package org.opencrm.web.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Saved views (own, shared, only the owner or an admin changes them; the list shows the
 * chosen columns) and the CSV export of a list: every row its filters match, streamed
 * page by page, only what the user may see, formula-looking cells kept as text.
 */
@WebIntegrationTest
class ListViewsAndExportTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	String u;

	long rep;

	long rep2;

	@BeforeEach
	void names() {
		u = UUID.randomUUID().toString().substring(0, 8);
		rep = users.loadUserByUsername("rep").id();
		rep2 = users.loadUserByUsername("rep2").id();
	}

	private long account(String name, Long owner, String tag) {
		return jdbc.sql("""
				insert into accounts (name, industry, lifecycle_stage, owner_id, tags)
				values (?, 'Tools', 'CUSTOMER', ?, array[cast(? as text)]) returning id
				""").params(name, owner, tag).query(Long.class).single();
	}

	private long viewNamed(String name) {
		return jdbc.sql("select id from saved_views where name = ?").param(name).query(Long.class).single();
	}

	@Test
	void aSavedViewKeepsFiltersSortAndColumnsAndIsSharedButOnlyItsOwnerChangesIt() throws Exception {
		String tag = "view" + u;
		account("Viewed " + u, rep, tag);
		String name = "Big tools " + u;
		String location = mvc
			.perform(post("/views").param("list", "accounts")
				.param("name", name)
				.param("shared", "true")
				.param("query", "tag=" + tag + "&cursor=abc&evil=1")
				.param("sort", "NEWEST")
				.param("cols", "name", "owner", "bogus")
				.with(csrf())
				.with(as(users, "rep")))
			.andExpect(flash().attribute("flash", "flash.view.saved"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long id = viewNamed(name);
		assertThat(location).isEqualTo("/accounts?tag=" + tag + "&sort=NEWEST&cols=name&cols=owner&view=" + id);

		// Applied: only the chosen columns, the view named in the menu.
		String page = mvc.perform(get(location).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Viewed " + u).contains("View: " + name).contains("id=\"view-update\"");
		String table = page.substring(page.indexOf("id=\"accounts-table\""), page.indexOf("</table>"));
		assertThat(table).contains(">Owner<").doesNotContain(">Industry<").doesNotContain(">City<");
		// Without a view, the default columns.
		String plain = mvc.perform(get("/accounts").param("tag", tag).with(as(users, "rep")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(plain.substring(plain.indexOf("id=\"accounts-table\""))).contains(">Industry<");

		// Shared: another rep finds it in the menu, but may not change or delete it.
		String other = mvc.perform(get("/accounts").with(as(users, "rep2")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(other).contains(name);
		mvc.perform(post("/views/" + id + "/delete").param("list", "accounts").with(csrf()).with(as(users, "rep2")))
			.andExpect(flash().attribute("flashError", "view.notYours"));
		mvc.perform(post("/views/" + id).param("list", "accounts")
			.param("name", "Hijacked")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep2"))).andExpect(flash().attribute("flashError", "view.notYours"));
		assertThat(viewNamed(name)).isEqualTo(id);

		// Its owner un-shares it: rep2 no longer sees it.
		mvc.perform(post("/views/" + id).param("list", "accounts")
			.param("name", name)
			.param("query", "tag=" + tag)
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(flash().attribute("flash", "flash.view.saved"));
		assertThat(mvc.perform(get("/accounts").with(as(users, "rep2"))).andReturn().getResponse().getContentAsString())
			.doesNotContain(name);
		// A stale update (version 0 again) is refused.
		mvc.perform(post("/views/" + id).param("list", "accounts")
			.param("name", "Stale")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().is4xxClientError());

		// An admin may delete anyone's view.
		mvc.perform(post("/views/" + id + "/delete").param("list", "accounts").with(csrf()).with(as(users, "admin")))
			.andExpect(flash().attribute("flash", "flash.view.deleted"));
		assertThat(jdbc.sql("select count(*) from saved_views where id = ?").param(id).query(Long.class).single())
			.isZero();
	}

	@Test
	void aViewWithoutNameOrForAnUnknownListIsRefused() throws Exception {
		mvc.perform(post("/views").param("list", "accounts").param("name", " ").with(csrf()).with(as(users, "rep")))
			.andExpect(flash().attribute("flashError", "view.name.required"));
		mvc.perform(post("/views").param("list", "tickets").param("name", "x").with(csrf()).with(as(users, "rep")))
			.andExpect(flash().attribute("flashError", "view.kind.unknown"));
	}

	@Test
	void theViewsMenuCostsOneStatement() throws Exception {
		int before = statementsFor(mvc, users, "/contacts", "rep");
		for (int i = 0; i < 3; i++) {
			mvc.perform(post("/views").param("list", "contacts")
				.param("name", "Menu " + i + " " + u)
				.with(csrf())
				.with(as(users, "rep")));
		}
		assertThat(statementsFor(mvc, users, "/contacts", "rep")).isEqualTo(before);
	}

	private String csv(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult started = mvc.perform(request).andExpect(request().asyncStarted()).andReturn();
		return mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void theExportStreamsEveryFilteredRowTheUserMaySeeAcrossManyPages() throws Exception {
		String tag = "exp" + u;
		// More than one keyset step (CustomerExports.CHUNK) of the rep's own.
		jdbc.sql("""
				insert into accounts (name, lifecycle_stage, owner_id, tags)
				select 'Export ' || g || ' ' || ?, 'CUSTOMER', ?, array[cast(? as text)] from generate_series(1, 520) g
				""").params(u, rep, tag).update();
		account("=HYPERLINK(\"http://evil.example\") " + u, rep, tag);
		account("Someone else's " + u, rep2, tag);
		account("Other tag " + u, rep, "other" + u);

		String body = csv(get("/accounts/export").param("tag", tag).with(as(users, "rep")));
		List<String> lines = Arrays.asList(body.split("\r\n"));
		assertThat(lines.get(0)).isEqualTo("ID,Name,Industry,City,Country,Lifecycle stage,Owner,Contacts,External id");
		assertThat(lines).hasSize(1 + 521);
		assertThat(body).contains("\"'=HYPERLINK(\"\"http://evil.example\"\") " + u + "\"")
			.doesNotContain("Someone else's")
			.doesNotContain("Other tag");
		assertThat(lines.stream().skip(1).map(l -> l.split(",")[0]).distinct().count()).isEqualTo(521);

		// The manager (the rep's team) gets rep2's too.
		assertThat(csv(get("/accounts/export").param("tag", tag).with(as(users, "manager"))))
			.contains("Someone else's " + u);
	}

	@Test
	void exportingTheTickedRowsLeavesOutWhatTheUserMayNotSee() throws Exception {
		String tag = "sel" + u;
		long mine = account("Ticked " + u, rep, tag);
		long theirs = account("Not mine " + u, rep2, tag);
		String body = csv(
				post("/accounts/export").param("rows", mine + ":0", theirs + ":0").with(csrf()).with(as(users, "rep")));
		assertThat(body.split("\r\n")).hasSize(2);
		assertThat(body).contains("Ticked " + u).doesNotContain("Not mine");

		long person = jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, email, lifecycle_stage, owner_id)
				values (?, '+cmd', ?, '@x.example', 'LEAD', ?) returning id
				""").params(mine, "Export" + u, rep).query(Long.class).single();
		String contacts = csv(get("/contacts/export").param("account", String.valueOf(mine)).with(as(users, "rep")));
		assertThat(contacts.split("\r\n")[1]).startsWith(person + ",'+cmd,Export" + u + ",'@x.example,");

		mvc.perform(post("/accounts/export").with(csrf()).with(as(users, "rep")))
			.andExpect(flash().attribute("flashError", "bulk.none"));
	}

}
