package org.opencrm.web.service.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.user.UserService;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class PortalPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TicketActions ticketActions;

	@Autowired
	TicketLookup ticketLookup;

	private List<Long> ticketsOf(String username) {
		return jdbc.sql("""
				select t.id from tickets t join users u on u.contact_id = t.contact_id
				where u.username = ? order by t.id
				""").param(username).query(Long.class).list();
	}

	private String numberOf(long ticketId) {
		return jdbc.sql("select number from tickets where id = ?").param(ticketId).query(String.class).single();
	}

	@Test
	void aCustomerSignsInToThePortalAndSeesOnlyTheirOwnTickets() throws Exception {
		mvc.perform(formLogin("/login").user("customer").password("demo"))
			.andExpect(authenticated().withUsername("customer"))
			.andExpect(redirectedUrl("/portal"));

		var page = mvc.perform(get("/portal").with(as(users, "customer")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(ticketsOf("customer")).isNotEmpty().allSatisfy(id -> assertThat(page).contains(numberOf(id)));
		assertThat(ticketsOf("customer2")).isNotEmpty().noneSatisfy(id -> assertThat(page).contains(numberOf(id)));
		assertThat(page).doesNotContain(">Accounts<").contains("/help");
	}

	@Test
	void anotherCustomersTicketIsNotFoundEvenToReplyOrDownload() throws Exception {
		long theirs = ticketsOf("customer2").get(0);

		mvc.perform(get("/portal/tickets/{id}", theirs).with(as(users, "customer"))).andExpect(status().isNotFound());
		mvc.perform(post("/portal/tickets/{id}/replies", theirs).param("body", "Let me in")
			.with(csrf())
			.with(as(users, "customer"))).andExpect(status().isNotFound());
		mvc.perform(get("/portal/tickets/{id}/attachments/{a}", theirs, 1).with(as(users, "customer")))
			.andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from ticket_messages where body = 'Let me in'").query(Long.class).single())
			.isZero();
	}

	@Test
	void theCustomerSeesTheAnswerButNeverTheInternalNote() throws Exception {
		long ticket = jdbc.sql("""
				select m.ticket_id from ticket_messages m join tickets t on t.id = m.ticket_id
				join users u on u.contact_id = t.contact_id
				where u.username = 'customer' and m.internal order by m.id limit 1
				""").query(Long.class).single();
		String note = jdbc.sql("select body from ticket_messages where ticket_id = ? and internal order by id limit 1")
			.param(ticket)
			.query(String.class)
			.single();

		mvc.perform(get("/portal/tickets/{id}", ticket).with(as(users, "customer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("we will refund the second charge")))
			.andExpect(content().string(not(containsString(note))));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/", "/accounts", "/contacts", "/tasks", "/admin/users", "/admin/inbound-mail", "/search?q=a" })
	void customersReachNoStaffPage(String path) throws Exception {
		mvc.perform(get(path).with(as(users, "customer")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isForbidden());
	}

	@Test
	void customersGetNoApiAndStaffDontUseThePortal() throws Exception {
		mvc.perform(get("/api/v1/accounts").with(httpBasic("customer", "demo"))).andExpect(status().isForbidden());
		for (String staff : List.of("agent", "admin", "rep")) {
			mvc.perform(get("/portal").with(as(users, staff))).andExpect(status().isForbidden());
		}
	}

	@Test
	void aCustomerOpensATicketAndTheirReplyReopensItOnceResolved() throws Exception {
		var created = mvc
			.perform(post("/portal/tickets").param("type", "COMPLAINT")
				.param("subject", "Broken hinge")
				.param("description", "The door hinge broke after a week.")
				.with(csrf())
				.with(as(users, "customer")))
			.andExpect(redirectedUrlPattern("/portal/tickets/*"))
			.andReturn();
		long id = Long.parseLong(created.getResponse().getRedirectedUrl().replaceAll("\\D", ""));
		assertThat(jdbc.sql("select channel from tickets where id = ?").param(id).query(String.class).single())
			.isEqualTo("PORTAL");
		assertThat(ticketsOf("customer")).contains(id);

		ticketActions.changeStatus(id, TicketStatus.RESOLVED, null);
		mvc.perform(post("/portal/tickets/{id}/replies", id).param("body", "It broke again.")
			.with(csrf())
			.with(as(users, "customer"))).andExpect(redirectedUrl("/portal/tickets/" + id));

		assertThat(ticketLookup.details(id).status()).isEqualTo(TicketStatus.OPEN);
		mvc.perform(get("/portal/tickets/{id}", id).with(as(users, "customer")))
			.andExpect(content().string(containsString("It broke again.")));
	}

	@Test
	void anEmptyTicketOrReplyShowsTheFormAgainWithMessages() throws Exception {
		long before = jdbc.sql("select count(*) from tickets").query(Long.class).single();
		mvc.perform(post("/portal/tickets").param("type", "NOT_A_TYPE")
			.param("subject", " ")
			.param("description", "")
			.with(csrf())
			.with(as(users, "customer")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "subject", "description", "type"));
		assertThat(jdbc.sql("select count(*) from tickets").query(Long.class).single()).isEqualTo(before);

		long own = ticketsOf("customer").get(0);
		mvc.perform(
				post("/portal/tickets/{id}/replies", own).param("body", "  ").with(csrf()).with(as(users, "customer")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("replyForm", "body"));
	}

	@Test
	void registeringWithTheEmailOfAKnownContactLinksThemAndTheyCanSignIn() throws Exception {
		var contact = jdbc.sql("""
				select c.id, c.email from contacts c where c.email is not null
				and not exists (select 1 from users u where u.contact_id = c.id) order by c.id desc limit 1
				""").query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) }).single();

		mvc.perform(post("/portal/register").param("firstName", "Known")
			.param("lastName", "Person")
			.param("email", ((String) contact[1]).toUpperCase())
			.param("username", "known.person")
			.param("password", "sunny-day-2026")
			.param("passwordRepeat", "sunny-day-2026")
			.with(csrf())).andExpect(redirectedUrl("/login?registered"));

		assertThat(jdbc.sql("select contact_id from users where username = 'known.person'").query(Long.class).single())
			.isEqualTo(contact[0]);

		// Not before the address is confirmed: else anyone could read a contact's tickets
		// by registering with it.
		mvc.perform(formLogin("/login").user("known.person").password("sunny-day-2026"))
			.andExpect(redirectedUrl("/login?error"));
		String mail = jdbc
			.sql("select text_body from mail_outbox where purpose = 'portal.verify' and lower(to_address) = lower(?)")
			.param((String) contact[1])
			.query(String.class)
			.single();
		String link = mail.replaceAll("(?s).*?(/portal/verify\\?token=[0-9a-f]+).*", "$1");
		mvc.perform(get("/portal/verify").param("token", "0".repeat(48))).andExpect(redirectedUrl("/login"));
		mvc.perform(get(link)).andExpect(redirectedUrl("/login?confirmed"));
		mvc.perform(get(link)).andExpect(redirectedUrl("/login"));

		mvc.perform(formLogin("/login").user("known.person").password("sunny-day-2026"))
			.andExpect(redirectedUrl("/portal"));
	}

	@Test
	void registeringWithANewEmailCreatesTheContact() throws Exception {
		mvc.perform(post("/portal/register").param("firstName", "Nora")
			.param("lastName", "New")
			.param("email", "nora.new@fresh.example")
			.param("username", "nora")
			.param("password", "blue-ocean-77")
			.param("passwordRepeat", "blue-ocean-77")
			.with(csrf())).andExpect(redirectedUrl("/login?registered"));

		assertThat(jdbc.sql("""
				select c.first_name || ' ' || c.last_name from users u join contacts c on c.id = u.contact_id
				where u.username = 'nora' and u.role = 'CUSTOMER'
				""").query(String.class).single()).isEqualTo("Nora New");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "''|Pat|pat@x.example|pat.one|good-pass-123|good-pass-123|username",
					"p|Pat|pat@x.example|pat.two|good-pass-123|good-pass-123|username",
					"pat three|Pat|pat@x.example|pat three|good-pass-123|good-pass-123|username",
					"Pat|Pat|not-an-email|pat.four|good-pass-123|good-pass-123|email",
					"Pat|Pat|pat@x.example|pat.five|short1|short1|password",
					"Pat|Pat|pat@x.example|pat.six|Password2026|Password2026|password",
					"Pat|Pat|pat@x.example|pat.seven|pat.seven-1234|pat.seven-1234|password",
					"Pat|Pat|pat@x.example|pat.eight|good-pass-123|other-pass-123|passwordRepeat",
					"Pat|Pat|pat@x.example|agent|good-pass-123|good-pass-123|username" })
	void badRegistrationsShowTheFieldErrorAndCreateNothing(String first, String last, String email, String username,
			String password, String repeat, String field) throws Exception {
		// (the first column doubles as the name; rows with a bad username put it in the
		// username column)
		long users = jdbc.sql("select count(*) from users").query(Long.class).single();
		long contacts = jdbc.sql("select count(*) from contacts").query(Long.class).single();

		mvc.perform(post("/portal/register").param("firstName", first)
			.param("lastName", last)
			.param("email", email)
			.param("username", field.equals("username") && !username.equals("agent") ? first : username)
			.param("password", password)
			.param("passwordRepeat", repeat)
			.with(csrf())).andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("form", field));

		assertThat(jdbc.sql("select count(*) from users").query(Long.class).single()).isEqualTo(users);
		assertThat(jdbc.sql("select count(*) from contacts").query(Long.class).single()).isEqualTo(contacts);
	}

	@Test
	void aSecondAccountForTheSamePersonIsRefused() throws Exception {
		String email = jdbc.sql("select u.email from users u where u.username = 'customer'")
			.query(String.class)
			.single();

		mvc.perform(post("/portal/register").param("firstName", "Copy")
			.param("lastName", "Cat")
			.param("email", email)
			.param("username", "copycat")
			.param("password", "copy-cat-2026")
			.param("passwordRepeat", "copy-cat-2026")
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasErrors("form"))
			.andExpect(content().string(containsString("already is a portal account")));
		assertThat(jdbc.sql("select count(*) from users where username = 'copycat'").query(Long.class).single())
			.isZero();
	}

	@Test
	void adminsSeeFailedInboundMailAndRetryIt() throws Exception {
		long failed = jdbc.sql("select id from inbound_emails where status = 'FAILED' order by id limit 1")
			.query(Long.class)
			.single();

		mvc.perform(get("/admin/inbound-mail").param("status", "FAILED").with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("no sender")))
			.andExpect(content().string(containsString("/admin/inbound-mail/" + failed + "/retry")));
		mvc.perform(get("/admin/inbound-mail").param("status", "PROCESSED").with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Question about our contract")));

		mvc.perform(post("/admin/inbound-mail/{id}/retry", failed).with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/admin/inbound-mail?status=FAILED"));
		assertThat(jdbc.sql("select attempts from inbound_emails where id = ?")
			.param(failed)
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(2);

		mvc.perform(get("/admin/inbound-mail").with(as(users, "agent"))).andExpect(status().isForbidden());
	}

	@Test
	void retryingAnEmailThatDidNotFailShowsWhyNot() throws Exception {
		long processed = jdbc.sql("select id from inbound_emails where status = 'PROCESSED' order by id limit 1")
			.query(Long.class)
			.single();

		// The rule's own code, whose text MessageKeysTest checks exists.
		mvc.perform(post("/admin/inbound-mail/{id}/retry", processed).with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/admin/inbound-mail?status=FAILED"))
			.andExpect(flash().attribute("flashError", "mail.inbound.notRetryable"));
		assertThat(jdbc.sql("select status from inbound_emails where id = ?")
			.param(processed)
			.query(String.class)
			.single()).isEqualTo("PROCESSED");
	}

	@Test
	void theInboundMailPageReadsABoundedNumberOfStatements() throws Exception {
		int before = statementsFor(mvc, users, "/admin/inbound-mail", "admin");
		for (int i = 0; i < 30; i++) {
			jdbc.sql("""
					insert into inbound_emails (mailbox, message_id, from_address, subject, raw, size_bytes, status,
					                            reason, received_at)
					values ('test', ?, 'x@y.example', 'Bulk', '\\x00', 1, 'IGNORED', 'Mass mail', now())
					""").param("<count-" + i + "-" + System.nanoTime() + "@x>").update();
		}

		assertThat(before).isLessThanOrEqualTo(6);
		assertThat(statementsFor(mvc, users, "/admin/inbound-mail", "admin")).isEqualTo(before);
	}

	@Test
	void theDemoEmailsBecameTicketsAndTheReplyWasThreaded() {
		Long first = jdbc.sql("select ticket_id from inbound_emails where message_id = '<demo-1@mail.example>'")
			.query(Long.class)
			.single();
		Long reply = jdbc.sql("select ticket_id from inbound_emails where message_id = '<demo-3@mail.example>'")
			.query(Long.class)
			.single();
		assertThat(first).isNotNull().isEqualTo(reply);
		assertThat(jdbc.sql("select status from inbound_emails where message_id = '<demo-4@mail.example>'")
			.query(String.class)
			.single()).isEqualTo("IGNORED");
	}

	@Test
	void portalPagesReadABoundedNumberOfStatements() throws Exception {
		long own = ticketsOf("customer").get(0);
		int home = statementsFor(mvc, users, "/portal", "customer");
		int ticket = statementsFor(mvc, users, "/portal/tickets/" + own, "customer");

		for (int i = 0; i < 3; i++) {
			mvc.perform(post("/portal/tickets/{id}/replies", own).param("body", "More " + i)
				.with(csrf())
				.with(as(users, "customer")));
			mvc.perform(post("/portal/tickets").param("type", "INCIDENT")
				.param("subject", "More " + i)
				.param("description", "Text")
				.with(csrf())
				.with(as(users, "customer")));
		}
		int ticketAfter = statementsFor(mvc, users, "/portal/tickets/" + own, "customer");
		int homeAfter = statementsFor(mvc, users, "/portal", "customer");

		assertThat(home).isLessThanOrEqualTo(6);
		assertThat(ticket).isLessThanOrEqualTo(8);
		assertThat(homeAfter).isEqualTo(home);
		assertThat(ticketAfter).isEqualTo(ticket);
	}

}
