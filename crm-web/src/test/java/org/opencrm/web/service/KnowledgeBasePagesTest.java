package org.opencrm.web.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class KnowledgeBasePagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TicketService tickets;

	private long demoArticle(String condition) {
		return jdbc.sql("select min(id) from kb_articles where " + condition).query(Long.class).single();
	}

	private String titleOf(long id) {
		return jdbc.sql("select title from kb_articles where id = ?").param(id).query(String.class).single();
	}

	private long categoryId() {
		return jdbc.sql("select min(id) from kb_categories").query(Long.class).single();
	}

	@Test
	void theHelpCentreNeedsNoSignInAndShowsOnlyPublishedPublicArticles() throws Exception {
		long open = demoArticle("status = 'PUBLISHED' and visibility = 'PUBLIC'");
		long draft = demoArticle("status = 'DRAFT'");
		long internal = demoArticle("status = 'PUBLISHED' and visibility = 'INTERNAL'");

		mvc.perform(get("/help"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(titleOf(open))))
			.andExpect(content().string(not(containsString(titleOf(draft)))))
			.andExpect(content().string(not(containsString(titleOf(internal)))));
		mvc.perform(get("/help/articles/" + open)).andExpect(status().isOk());
		mvc.perform(get("/help/articles/" + draft)).andExpect(status().isNotFound());
		mvc.perform(get("/help/articles/" + internal)).andExpect(status().isNotFound());
		mvc.perform(get("/help/articles/nonsense")).andExpect(status().isNotFound());
		mvc.perform(get("/help/search").param("q", "reset password"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("How do I reset my password?")))
			.andExpect(content().string(containsString("<mark>")));
		mvc.perform(get("/help/search").param("q", "escalating hardware failures engineering"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Internal: escalating"))));
		// Staff pages still need a sign-in
		mvc.perform(get("/service/kb")).andExpect(status().is3xxRedirection());
	}

	@Test
	void anEditorsArticleIsRenderedSafely() throws Exception {
		String location = mvc.perform(post("/service/kb").param("categoryId", String.valueOf(categoryId()))
			.param("title", "Unsafe paste")
			.param("body",
					"Hello **world** <script>alert('x')</script> <img src=x onerror=alert(1)> [x](javascript:alert(2))")
			.param("status", "PUBLISHED")
			.param("visibility", "PUBLIC")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "agent")))
			.andExpect(redirectedUrlPattern("/service/kb/articles/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String id = location.substring(location.lastIndexOf('/') + 1);

		String page = mvc.perform(get("/help/articles/" + id))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("<strong>world</strong>")
			.doesNotContain("alert('x')")
			.doesNotContain("onerror")
			.doesNotContain("javascript:alert");
	}

	@Test
	void badEditorInputShowsMessagesAndSavesNothing() throws Exception {
		long before = jdbc.sql("select count(*) from kb_articles").query(Long.class).single();

		mvc.perform(post("/service/kb").param("title", " ")
			.param("body", "typed body stays")
			.param("status", "PUBLISHED")
			.param("visibility", "SECRET")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(view().name("service/kb/form"))
			.andExpect(model().attributeHasFieldErrors("form", "title", "categoryId", "visibility"))
			.andExpect(content().string(containsString("typed body stays")));
		mvc.perform(post("/service/kb").param("categoryId", "999999999")
			.param("title", "Lost")
			.param("body", "x")
			.param("status", "DRAFT")
			.param("visibility", "PUBLIC")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose a category.")));

		assertThat(jdbc.sql("select count(*) from kb_articles").query(Long.class).single()).isEqualTo(before);
		// Only agents and admins edit
		mvc.perform(post("/service/kb").param("title", "x").with(csrf()).with(as(users, "rep")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/service/kb/new").with(as(users, "rep"))).andExpect(status().isForbidden());
	}

	@Test
	void aStaleArticleEditShowsTheConflictPage() throws Exception {
		long id = demoArticle("status = 'PUBLISHED' and visibility = 'PUBLIC'");
		long version = jdbc.sql("select version from kb_articles where id = ?").param(id).query(Long.class).single();

		mvc.perform(post("/service/kb/articles/" + id).param("categoryId", String.valueOf(categoryId()))
			.param("title", "Stale")
			.param("body", "x")
			.param("status", "PUBLISHED")
			.param("visibility", "PUBLIC")
			.param("version", String.valueOf(version + 5))
			.with(csrf())
			.with(as(users, "agent"))).andExpect(status().isConflict());
	}

	@Test
	void staffSearchFindsInternalArticlesAndSuggestionsOfferInsertLinks() throws Exception {
		mvc.perform(get("/service/kb").param("q", "escalating hardware failures").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Internal: escalating hardware failures to engineering")));
		mvc.perform(get("/service/kb").with(as(users, "rep"))).andExpect(status().isOk());

		String ticket = "Hi, my parcel arrived damaged yesterday, the box was crushed and the device inside is broken. "
				+ "What should I do now? I need a replacement quickly because we use it every day. Thanks, Tom";
		mvc.perform(
				get("/service/kb/suggest").param("text", ticket).header("HX-Request", "true").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("My parcel arrived damaged")))
			.andExpect(content().string(containsString("kb-insert-link")))
			.andExpect(content().string(containsString("data-path=\"/help/articles/")))
			.andExpect(content().string(not(containsString("<nav"))));
		// Without htmx it is a page of its own
		mvc.perform(get("/service/kb/suggest").param("text", ticket).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<nav")));
	}

	@Test
	void whereAgentsWriteTheySeeArticlesForTheTicketsText() throws Exception {
		long id = tickets.open(OpenTicket.fromEmail(TicketChannel.EMAIL, "kb-" + System.nanoTime() + "@example.com",
				"Tom Parcel", "Parcel arrived damaged", "The box was crushed and the device inside is broken."))
			.id();

		// The ticket page loads suggestions for its subject and description after it is
		// shown.
		mvc.perform(get("/service/tickets/" + id).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"kb-suggestions\"")))
			.andExpect(content().string(containsString(
					"hx-get=\"/service/kb/suggest?text=Parcel%20arrived%20damaged%20The%20box%20was%20crushed")));
		// The new-ticket form asks again while the agent types subject and description.
		mvc.perform(get("/service/tickets/new").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("hx-include=\"#subject, #description\"")));
		mvc.perform(get("/service/kb/suggest").param("subject", "Parcel arrived damaged")
			.param("description", "The box was crushed")
			.header("HX-Request", "true")
			.with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("My parcel arrived damaged")))
			.andExpect(content().string(containsString("kb-insert-link")));
	}

}
