package org.opencrm.service.portal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.opencrm.core.shared.Rows;
import org.opencrm.service.mail.InboundMailService;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The service channels' demo: portal customers {@code customer} and {@code customer2}
 * (password {@code demo}) linked to demo contacts, with a few tickets each (one answered,
 * with an internal note they never see; one resolved), and a handful of support e-mails
 * run through the email-to-ticket processor — a new request, a threaded reply, an
 * auto-reply that is ignored and one without sender left FAILED for the admin page.
 */
@Component
@Order(60)
class PortalDemoData implements DemoDataContributor {

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final TicketService tickets;

	private final TicketReplies ticketReplies;

	private final TicketActions ticketActions;

	private final InboundMailService inbound;

	PortalDemoData(JdbcClient jdbc, PasswordEncoder passwordEncoder, TicketService tickets, TicketReplies ticketReplies,
			TicketActions ticketActions, InboundMailService inbound) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.tickets = tickets;
		this.ticketReplies = ticketReplies;
		this.ticketActions = ticketActions;
		this.inbound = inbound;
	}

	private record Person(long id, String firstName, String lastName, String email) {
	}

	@Override
	public void contribute(DemoContext ctx) {
		List<Person> people = jdbc.sql("""
				select id, first_name, last_name, email from contacts where email is not null order by id limit 4
				""").query(Rows.of(Person.class)).list();
		if (people.size() < 4) {
			return;
		}
		long agent = ctx.user("agent");
		String hash = passwordEncoder.encode("demo");
		String[][] subjects = { { "Invoice 2026-118 charged twice", "We were charged twice for the same invoice." },
				{ "Delivery address change", "Please deliver our next order to the Hamburg warehouse." },
				{ "Login to the web shop fails", "Since yesterday the shop says my password is wrong." } };
		for (int c = 0; c < 2; c++) {
			Person p = people.get(c);
			String username = c == 0 ? "customer" : "customer2";
			long userId = jdbc.sql("""
					insert into users (username, full_name, email, password_hash, role, contact_id)
					values (?, ?, ?, ?, 'CUSTOMER', ?) returning id
					""")
				.params(username, p.firstName() + " " + p.lastName(), p.email(), hash, p.id())
				.query(Long.class)
				.single();
			ctx.userIds().put(username, userId);
			for (int i = 0; i < subjects.length; i++) {
				String[] s = subjects[(i + c) % subjects.length];
				OpenedTicket t = tickets.open(new OpenTicket(TicketChannel.PORTAL, p.id(), null, null, null, s[0], s[1],
						i == 2 ? TicketType.INCIDENT : TicketType.SERVICE_REQUEST, null, null, null, List.of(), null,
						null, List.of(), null));
				if (i == 0) {
					ticketReplies.addReply(t.id(),
							AddReply.internalNote(agent, "Checked billing: the duplicate is real."));
					ticketReplies.addReply(t.id(), AddReply.publicReply(ReplyAuthor.agent(agent),
							"Thank you for telling us — we will refund the second charge within 3 days."));
				}
				if (i == 1) {
					ticketReplies.addReply(t.id(),
							AddReply.publicReply(ReplyAuthor.agent(agent), "Done — the address is updated."));
					ticketActions.changeStatus(t.id(), TicketStatus.RESOLVED, null);
				}
			}
		}
		Person writer = people.get(2);
		inbound.store("demo", mail("<demo-1@mail.example>", writer.email(), "Question about our contract", null,
				"Hello,\n\ncan we add two more seats to our contract?\n\nBest regards"));
		inbound.store("demo", mail("<demo-2@mail.example>", "new.customer@startup.example", "Request for a quote", null,
				"Hi, what would 50 licences cost?"));
		inbound.store("demo", mail("<demo-3@mail.example>", writer.email(), "Re: Question about our contract",
				"<demo-1@mail.example>", "Sorry, I meant three seats."));
		inbound.store("demo", ("Message-ID: <demo-4@mail.example>\r\nFrom: " + people.get(3).email()
				+ "\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nI am away until Monday.\r\n")
			.getBytes(StandardCharsets.UTF_8));
		inbound.store("demo", ("Message-ID: <demo-5@mail.example>\r\nTo: support@opencrm.local\r\nSubject: (unsigned)"
				+ "\r\n\r\nA message without a sender.\r\n")
			.getBytes(StandardCharsets.UTF_8));
		inbound.processPending();
	}

	private static byte[] mail(String messageId, String from, String subject, String inReplyTo, String text) {
		return ("Message-ID: " + messageId + "\r\nFrom: " + from + "\r\nTo: support@opencrm.local\r\nSubject: "
				+ subject + (inReplyTo == null ? "" : "\r\nIn-Reply-To: " + inReplyTo)
				+ "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
				+ text.replace("\n", "\r\n") + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

}
