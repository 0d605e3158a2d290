package org.opencrm.service.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.service.DeskFixtures;
import org.opencrm.service.DeskFixtures.Fixtures;
import org.opencrm.service.ServiceDeskTest;
import org.opencrm.service.TicketResolved;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@ServiceDeskTest
@RecordApplicationEvents
class TicketServiceTest {

	@Autowired
	TicketService tickets;

	@Autowired
	TicketLookup ticketLookup;

	@Autowired
	TicketActions ticketActions;

	@Autowired
	TicketReplies ticketReplies;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApplicationEvents events;

	long agent;

	@BeforeEach
	void setUp() {
		fixtures.noRoutingRules();
		agent = fixtures.agent("Alice Agent");
	}

	private OpenedTicket openFrom(String email, String subject) {
		return tickets.open(OpenTicket.fromEmail(TicketChannel.EMAIL, email, "Pat Customer", subject, "Please help."));
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void openingFromAnUnknownSenderCreatesTheContactAndNumbersTheTicket() {
		String email = "pat-" + DeskFixtures.unique() + "@example.com";

		OpenedTicket opened = openFrom(email, "Printer on fire");

		assertThat(opened.number()).matches("T-\\d{6}");
		TicketDetails t = ticketLookup.details(opened.id());
		assertThat(t.status()).isEqualTo(TicketStatus.NEW);
		assertThat(t.priority()).isEqualTo(TicketPriority.NORMAL);
		assertThat(t.contactEmail()).isEqualTo(email);
		assertThat(t.contactName()).isEqualTo("Pat Customer");
		assertThat(t.conversation()).singleElement().satisfies(m -> {
			assertThat(m.authorKind()).isEqualTo(ReplyAuthor.Kind.CUSTOMER);
			assertThat(m.body()).isEqualTo("Please help.");
		});
		assertThat(ticketLookup.idByNumber(opened.number())).contains(opened.id());
		assertThat(count("select count(*) from interactions where source_ref = ? and kind = 'TICKET'",
				"ticket:" + opened.id()))
			.isEqualTo(1);
	}

	@Test
	void aKnownSenderIsReusedWithTheirAccount() {
		String email = "known-" + DeskFixtures.unique() + "@example.com";
		long account = fixtures.account("Known Co");
		long contact = fixtures.contact("Kim", "Known", email, account);

		OpenedTicket opened = openFrom(email.toUpperCase(), "Question");

		TicketDetails t = ticketLookup.details(opened.id());
		assertThat(t.contactId()).isEqualTo(contact);
		assertThat(t.accountId()).isEqualTo(account);
	}

	@Test
	void aBadSenderAddressOrAMissingSubjectIsRefused() {
		assertThatThrownBy(() -> openFrom("not-an-address", "Hello")).isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("e-mail");
		assertThatThrownBy(() -> openFrom("ok@example.com", "  ")).isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("subject");
	}

	@Test
	void statusesMoveOnlyAlongTheAllowedTransitions() {
		long id = openFrom("flow-" + DeskFixtures.unique() + "@example.com", "Flow").id();

		assertThatThrownBy(() -> ticketActions.changeStatus(id, TicketStatus.CLOSED, null))
			.isInstanceOf(RuleViolationException.class)
			.satisfies(e -> assertThat(((RuleViolationException) e).code()).isEqualTo("ticket.status.notAllowed"));

		ticketActions.changeStatus(id, TicketStatus.OPEN, null);
		ticketActions.changeStatus(id, TicketStatus.RESOLVED, null);
		ticketActions.changeStatus(id, TicketStatus.CLOSED, null);

		assertThatThrownBy(() -> ticketActions.changeStatus(id, TicketStatus.OPEN, null))
			.isInstanceOf(RuleViolationException.class);
		assertThat(ticketLookup.details(id).status()).isEqualTo(TicketStatus.CLOSED);
	}

	@Test
	void aStatusChangeOnAStaleVersionConflicts() {
		long id = openFrom("stale-" + DeskFixtures.unique() + "@example.com", "Stale").id();
		long version = ticketLookup.details(id).version();
		ticketActions.changeStatus(id, TicketStatus.OPEN, version);

		assertThatThrownBy(() -> ticketActions.changeStatus(id, TicketStatus.ON_HOLD, version))
			.isInstanceOf(StaleEditException.class);
	}

	@Test
	void resolvingPublishesTicketResolvedAndACustomerReplyReopens() {
		long id = openFrom("res-" + DeskFixtures.unique() + "@example.com", "Resolve me").id();
		ticketActions.assign(id, agent, null);

		ticketActions.changeStatus(id, TicketStatus.RESOLVED, null);

		assertThat(events.stream(TicketResolved.class)).singleElement().satisfies(e -> {
			assertThat(e.ticketId()).isEqualTo(id);
			assertThat(e.assigneeId()).isEqualTo(agent);
		});
		ticketReplies.addReply(id, AddReply.publicReply(ReplyAuthor.customer(null), "It broke again"));
		assertThat(ticketLookup.details(id).status()).isEqualTo(TicketStatus.OPEN);
		assertThat(ticketLookup.details(id).resolvedAt()).isNull();
	}

	@Test
	void theFirstPublicAgentReplyIsTheFirstResponseButAnInternalNoteIsNot() {
		long id = openFrom("fr-" + DeskFixtures.unique() + "@example.com", "First response").id();

		ticketReplies.addReply(id, AddReply.internalNote(agent, "Looking into it"));
		assertThat(ticketLookup.details(id).firstRespondedAt()).isNull();
		assertThat(ticketLookup.details(id).status()).isEqualTo(TicketStatus.NEW);

		ticketReplies.addReply(id, AddReply.publicReply(ReplyAuthor.agent(agent), "We are on it"));
		TicketDetails t = ticketLookup.details(id);
		assertThat(t.firstRespondedAt()).isNotNull();
		assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
		assertThat(t.conversation()).extracting(TicketMessageView::internal).containsExactly(false, true, false);
	}

	@Test
	void attachmentsAreStoredAndServedBack() {
		long id = openFrom("att-" + DeskFixtures.unique() + "@example.com", "Attachment").id();
		byte[] pdf = "%PDF-1.4 hello".getBytes();

		ticketReplies.addReply(id, new AddReply(ReplyAuthor.agent(agent), "See the file", false,
				List.of(new NewAttachment("invoice.pdf", "application/pdf", pdf)), null));

		AttachmentInfo info = ticketLookup.details(id).conversation().get(1).attachments().get(0);
		assertThat(info.filename()).isEqualTo("invoice.pdf");
		assertThat(info.sizeBytes()).isEqualTo(pdf.length);
		assertThat(ticketLookup.attachment(id, info.id()).data()).isEqualTo(pdf);
	}

	@Test
	void aTooBigAttachmentIsRefusedAndNothingIsWritten() {
		long id = openFrom("big-" + DeskFixtures.unique() + "@example.com", "Big").id();
		byte[] big = new byte[(int) AttachmentRules.MAX_BYTES + 1];

		assertThatThrownBy(() -> ticketReplies.addReply(id,
				new AddReply(ReplyAuthor.agent(agent), "Huge file", false,
						List.of(new NewAttachment("video.mp4", "video/mp4", big)), null)))
			.isInstanceOf(RuleViolationException.class)
			.satisfies(e -> assertThat(((RuleViolationException) e).code()).isEqualTo("ticket.attachment.tooBig"));

		assertThat(count("select count(*) from ticket_messages where ticket_id = ?", id)).isEqualTo(1);
		assertThat(count("select count(*) from ticket_attachments where ticket_id = ?", id)).isZero();
		assertThat(ticketLookup.details(id).firstRespondedAt()).isNull();
	}

	@Test
	void programsAreRefusedByNameTypeOrContent() {
		long id = openFrom("exe-" + DeskFixtures.unique() + "@example.com", "Exe").id();
		List<NewAttachment> bad = List.of(new NewAttachment("setup.exe", "application/octet-stream", new byte[] { 1 }),
				new NewAttachment("run.txt", "application/x-sh", new byte[] { 1 }),
				new NewAttachment("photo.jpg", "image/jpeg", new byte[] { 'M', 'Z', 0, 0 }));

		for (NewAttachment a : bad) {
			assertThatThrownBy(() -> ticketReplies.addReply(id,
					new AddReply(ReplyAuthor.agent(agent), "File", false,
							List.of(new NewAttachment("ok.txt", "text/plain", new byte[] { 'a' }), a), null)))
				.isInstanceOf(RuleViolationException.class)
				.satisfies(
						e -> assertThat(((RuleViolationException) e).code()).isEqualTo("ticket.attachment.forbidden"));
		}
		assertThat(count("select count(*) from ticket_messages where ticket_id = ?", id)).isEqualTo(1);
		assertThat(count("select count(*) from ticket_attachments where ticket_id = ?", id)).isZero();
	}

	@Test
	void mergingMovesTheConversationAndClosesTheDuplicateWithALink() {
		String email = "dup-" + DeskFixtures.unique() + "@example.com";
		long target = openFrom(email, "Order missing").id();
		long source = openFrom(email, "Order missing!!").id();
		ticketReplies.addReply(source, AddReply.publicReply(ReplyAuthor.customer(null), "Any news?"));

		ticketActions.merge(source, target, agent);

		TicketDetails merged = ticketLookup.details(source);
		assertThat(merged.status()).isEqualTo(TicketStatus.CLOSED);
		assertThat(merged.mergedIntoId()).isEqualTo(target);
		assertThat(merged.mergedIntoNumber()).isEqualTo(ticketLookup.details(target).number());
		assertThat(ticketLookup.details(target).conversation()).extracting(TicketMessageView::body)
			.contains("Please help.", "Any news?");
		assertThatThrownBy(() -> ticketActions.merge(target, target, agent)).isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> ticketActions.merge(target, source, agent)).isInstanceOf(RuleViolationException.class);
	}

	@Test
	void claimingSomeoneElsesTicketIsRefused() {
		long id = openFrom("claim-" + DeskFixtures.unique() + "@example.com", "Claim").id();
		long other = fixtures.agent("Bob Agent");
		ticketActions.claim(id, agent);

		assertThatThrownBy(() -> ticketActions.claim(id, other)).isInstanceOf(RuleViolationException.class);
		assertThat(ticketLookup.details(id).assigneeId()).isEqualTo(agent);
		assertThat(ticketLookup.details(id).status()).isEqualTo(TicketStatus.OPEN);
	}

}
