package org.opencrm.service.portal;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.PasswordPolicy;
import org.opencrm.core.user.PortalLogins;
import org.opencrm.core.user.UserSettings;
import org.opencrm.service.mail.SupportMails;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.AttachmentContent;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketMessageView;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketType;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer self-service portal: registration, and a customer's own tickets — list,
 * open, read the public conversation, reply. Every method takes the signed-in portal
 * user's id and answers "not found" for tickets of anyone else.
 */
@Service
public class PortalService {

	public static final int PAGE_SIZE = 20;

	static final Duration CONFIRMATION_VALID = Duration.ofHours(48);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final TicketLookup ticketLookup;

	private final TicketReplies ticketReplies;

	private final PortalLogins users;

	private final ContactService contacts;

	private final ContactLookup contactLookup;

	private final SupportMails outbox;

	private final Clock clock;

	private final PasswordPolicy passwordPolicy;

	private final String baseUrl;

	PortalService(JdbcClient jdbc, TicketService tickets, TicketLookup ticketLookup, TicketReplies ticketReplies,
			PortalLogins users, ContactService contacts, ContactLookup contactLookup, SupportMails outbox, Clock clock,
			PasswordPolicy passwordPolicy, CrmSettings crm) {
		this.passwordPolicy = passwordPolicy;
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.ticketLookup = ticketLookup;
		this.ticketReplies = ticketReplies;
		this.users = users;
		this.contacts = contacts;
		this.contactLookup = contactLookup;
		this.outbox = outbox;
		this.clock = clock;
		this.baseUrl = crm.baseUrl();
	}

	/**
	 * Registers a portal customer: the contact with this e-mail, or a new one. The
	 * password follows the {@link PasswordPolicy} (a {@code WeakPasswordException} names
	 * what is wrong). The account signs in only after the link mailed to the address was
	 * followed ({@link #confirmAddress}), so nobody reads a contact's tickets by
	 * registering with their address.
	 * @return the new user's id
	 */
	@Transactional
	public long register(PortalRegistration r) {
		String username = r.username() == null ? "" : r.username().strip();
		String email = r.email() == null ? "" : r.email().strip().toLowerCase(Locale.ROOT);
		String password = r.password() == null ? "" : r.password();
		if (!username.matches("[A-Za-z0-9._@-]{3,50}")) {
			throw new RuleViolationException("portal.register.username.invalid",
					"Use 3 to 50 letters, digits, dots, dashes or underscores.");
		}
		// The application's one e-mail rule and message (email.invalid on field "email").
		new EmailAddress(email);
		passwordPolicy.check(username, password);
		String first = r.firstName() == null ? "" : r.firstName().strip();
		String last = r.lastName() == null ? "" : r.lastName().strip();
		// The registration page was in the customer's language: their mails follow it
		// until they or the desk choose one.
		String asked = pageLanguage();
		long contactId = contactLookup.findByPhoneOrEmail(email)
			.orElseGet(() -> contacts
				.create(new ContactCommand(first.isEmpty() ? email.substring(0, email.indexOf('@')) : first, last, null,
						email, null, null, null, null, null, null, null, LifecycleStage.CUSTOMER, null, List.of(),
						false, false, 0)
					.withPreferredLocale(asked)));
		String fullName = (first + " " + last).strip();
		long userId = users.createCustomer(username, fullName.isEmpty() ? email : fullName, email, password, contactId,
				false);
		byte[] secret = new byte[24];
		RANDOM.nextBytes(secret);
		String token = HexFormat.of().formatHex(secret);
		jdbc.sql("insert into portal_verifications (token_hash, user_id, expires_at) values (?, ?, ?)")
			.params(digest(token), userId, Timestamp.from(clock.instant().plus(CONFIRMATION_VALID)))
			.update();
		outbox.queueAddressConfirmation(userId, email, first.isEmpty() ? username : first,
				baseUrl + "/portal/verify?token=" + token, asked);
		return userId;
	}

	/**
	 * Confirms a registration's e-mail address (the mailed link): the customer may sign
	 * in from now on.
	 * @return false for an unknown, used or expired link
	 */
	@Transactional
	public boolean confirmAddress(String token) {
		if (token == null || !token.matches("[0-9a-f]{48}")) {
			return false;
		}
		Instant now = clock.instant();
		Long userId = jdbc.sql("""
				update portal_verifications set used_at = ?
				where token_hash = ? and used_at is null and expires_at > ?
				returning user_id
				""")
			.params(Timestamp.from(now), digest(token), Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElse(null);
		if (userId == null) {
			return false;
		}
		users.enableCustomer(userId);
		return true;
	}

	/** The language of the page being served, if one is and the CRM speaks it. */
	private static String pageLanguage() {
		LocaleContext page = LocaleContextHolder.getLocaleContext();
		String language = page == null || page.getLocale() == null ? null : page.getLocale().getLanguage();
		return language != null && UserSettings.LANGUAGES.contains(language) ? language : null;
	}

	private static String digest(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The customer's tickets, newest first, by keyset over (created_at, id). */
	@Transactional(readOnly = true)
	public KeysetPage<PortalTicketRow> tickets(long userId, String cursor) {
		long contactId = contactOf(userId);
		Keyset.Cursor c = Keyset.decode(cursor);
		List<Object> params = new ArrayList<>(List.of(contactId));
		String where = "contact_id = ?";
		String order = "created_at desc, id desc";
		if (c != null) {
			where += c.forward() ? " and (created_at, id) < (?, ?)" : " and (created_at, id) > (?, ?)";
			params.add(Timestamp.from(c.instantValue()));
			params.add(c.id());
			order = c.forward() ? order : "created_at asc, id asc";
		}
		params.add(PAGE_SIZE + 1);
		List<PortalTicketRow> rows = jdbc.sql("""
				select id, number, subject, status, created_at, updated_at from tickets
				where %s order by %s limit ?
				""".formatted(where, order))
			.params(params)
			.query((rs, n) -> new PortalTicketRow(rs.getLong("id"), rs.getString("number"), rs.getString("subject"),
					org.opencrm.service.ticket.TicketStatus.valueOf(rs.getString("status")),
					instantOrNull(rs, "created_at"), instantOrNull(rs, "updated_at")))
			.list();
		return Keyset.page(rows, PAGE_SIZE, c, r -> r.createdAt().toString(), PortalTicketRow::id, null);
	}

	/** One of the customer's tickets with its public conversation. */
	@Transactional(readOnly = true)
	public PortalTicket ticket(long userId, long ticketId) {
		requireOwn(userId, ticketId);
		TicketDetails t = ticketLookup.details(ticketId);
		List<PortalTicket.Message> messages = new ArrayList<>();
		for (TicketMessageView m : t.conversation()) {
			if (m.internal() || m.authorKind() == ReplyAuthor.Kind.SYSTEM) {
				continue;
			}
			boolean customer = m.authorKind() == ReplyAuthor.Kind.CUSTOMER;
			messages.add(new PortalTicket.Message(m.id(), customer, customer ? m.authorName() : null, m.body(),
					m.createdAt(),
					m.attachments()
						.stream()
						.map(a -> new PortalTicket.File(a.id(), a.filename(), a.sizeBytes()))
						.toList()));
		}
		return new PortalTicket(t.id(), t.number(), t.subject(), t.status(), t.openedAt(), messages);
	}

	/** Opens a ticket from the portal for the signed-in customer. */
	@Transactional
	public OpenedTicket open(long userId, String subject, String description, TicketType type) {
		long contactId = contactOf(userId);
		return tickets.open(new OpenTicket(TicketChannel.PORTAL, contactId, null, null, null, subject, description,
				type, null, null, null, List.of(), null, null, List.of(), null));
	}

	/** The customer's reply; reopens a resolved ticket (the ticket rules). */
	@Transactional
	public void reply(long userId, long ticketId, String body) {
		long contactId = requireOwn(userId, ticketId);
		ticketReplies.addReply(ticketId, AddReply.publicReply(ReplyAuthor.customer(contactId), body));
	}

	/** An attachment of a public message on the customer's ticket. */
	@Transactional(readOnly = true)
	public AttachmentContent attachment(long userId, long ticketId, long attachmentId) {
		requireOwn(userId, ticketId);
		long visible = jdbc.sql("""
				select count(*) from ticket_attachments a join ticket_messages m on m.id = a.message_id
				where a.id = ? and a.ticket_id = ? and not m.internal
				""").params(attachmentId, ticketId).query(Long.class).single();
		if (visible == 0) {
			throw new NotFoundException("Attachment", attachmentId);
		}
		return ticketLookup.attachment(ticketId, attachmentId);
	}

	private long contactOf(long userId) {
		return users.contactIdOf(userId).orElseThrow(() -> new NotFoundException("Portal customer", userId));
	}

	private long requireOwn(long userId, long ticketId) {
		long contactId = contactOf(userId);
		long own = jdbc.sql("select count(*) from tickets where id = ? and contact_id = ?")
			.params(ticketId, contactId)
			.query(Long.class)
			.single();
		if (own == 0) {
			throw new NotFoundException("Ticket", ticketId);
		}
		return contactId;
	}

}
