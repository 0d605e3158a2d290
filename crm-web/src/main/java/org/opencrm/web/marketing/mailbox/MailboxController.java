package org.opencrm.web.marketing.mailbox;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.web.system.EmbeddedMailServer;
import org.opencrm.web.system.PageSize;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Sent mail": what the embedded SMTP server accepted, newest first, a page at a time,
 * and one message with its HTML in a sandboxed frame. Without the embedded server (a real
 * relay is configured) the page says so. Marketers see marketing mail only (stamped
 * {@link MailKind#MARKETING}); the rest (portal verification, ticket replies, surveys,
 * resets) carries links that act for its recipient, so only admins see it.
 */
@Controller
@RequestMapping("/marketing/mailbox")
class MailboxController {

	private final ObjectProvider<EmbeddedMailServer> server;

	MailboxController(ObjectProvider<EmbeddedMailServer> server) {
		this.server = server;
	}

	record MailRow(int number, String from, String to, String subject, Instant sentAt) {
	}

	record MailView(int number, String from, String to, String subject, Instant sentAt, String messageId,
			String listUnsubscribe, String text, String html) {
	}

	/**
	 * A received message and its number among all received (1 = the oldest), which links
	 * use.
	 */
	private record Numbered(int number, MimeMessage message) {
	}

	/**
	 * {@code before}: show messages numbered below it; absent = the newest page. Numbers
	 * count all received mail, so a marketer's pages skip the numbers of mail they may
	 * not see.
	 */
	@GetMapping
	String list(@RequestParam(required = false) Integer before, @AuthenticationPrincipal CrmUser user, Model model) {
		EmbeddedMailServer mail = server.getIfAvailable();
		model.addAttribute("embedded", mail != null);
		List<MailRow> rows = new ArrayList<>();
		Integer older = null;
		int total = 0;
		if (mail != null) {
			List<Numbered> visible = visibleTo(user, mail.receivedMessages());
			total = visible.size();
			int top = visible.size();
			while (before != null && top > 0 && visible.get(top - 1).number() >= before) {
				top--;
			}
			int bottom = Math.max(0, top - PageSize.LIST);
			for (int i = top; i > bottom; i--) {
				rows.add(row(visible.get(i - 1).number(), visible.get(i - 1).message()));
			}
			older = bottom > 0 ? visible.get(bottom).number() : null;
		}
		model.addAttribute("mails", rows);
		model.addAttribute("total", total);
		model.addAttribute("older", older);
		model.addAttribute("newest", before != null);
		return "marketing/mailbox/list";
	}

	@GetMapping("/{number}")
	String show(@PathVariable int number, @AuthenticationPrincipal CrmUser user, Model model) {
		EmbeddedMailServer mail = server.getIfAvailable();
		List<MimeMessage> all = mail == null ? List.of() : mail.receivedMessages();
		if (number < 1 || number > all.size() || !mayRead(user, all.get(number - 1))) {
			throw new NotFoundException("Mail", number);
		}
		model.addAttribute("mail", view(number, all.get(number - 1)));
		return "marketing/mailbox/show";
	}

	private static List<Numbered> visibleTo(CrmUser user, List<MimeMessage> all) {
		List<Numbered> visible = new ArrayList<>();
		for (int n = 1; n <= all.size(); n++) {
			if (mayRead(user, all.get(n - 1))) {
				visible.add(new Numbered(n, all.get(n - 1)));
			}
		}
		return visible;
	}

	/**
	 * Admins read everything; anyone else only marketing mail. Unstamped mail counts as
	 * not marketing.
	 */
	private static boolean mayRead(CrmUser user, MimeMessage message) {
		return (user != null && user.role() == Role.ADMIN) || MailKind.of(message) == MailKind.MARKETING;
	}

	private static MailRow row(int n, MimeMessage m) {
		try {
			return new MailRow(n, addresses(m.getFrom()), addresses(m.getRecipients(Message.RecipientType.TO)),
					m.getSubject(), m.getSentDate() == null ? null : m.getSentDate().toInstant());
		}
		catch (MessagingException ex) {
			return new MailRow(n, "", "", "?", null);
		}
	}

	private static MailView view(int n, MimeMessage m) {
		try {
			String[] parts = new String[2];
			collect(m, parts);
			String[] unsub = m.getHeader("List-Unsubscribe");
			return new MailView(n, addresses(m.getFrom()), addresses(m.getRecipients(Message.RecipientType.TO)),
					m.getSubject(), m.getSentDate() == null ? null : m.getSentDate().toInstant(), m.getMessageID(),
					unsub == null ? null : unsub[0], parts[0], parts[1] == null ? null : withoutOpenPixel(parts[1]));
		}
		catch (MessagingException | IOException ex) {
			return new MailView(n, "", "", "?", null, null, null, null, null);
		}
	}

	/**
	 * Reading a sent mail here must not count as the recipient opening it: the frame
	 * shares this page's origin for images, so the tracking pixel is taken out.
	 */
	static String withoutOpenPixel(String html) {
		return OPEN_PIXEL.matcher(html).replaceAll("");
	}

	private static final java.util.regex.Pattern OPEN_PIXEL = java.util.regex.Pattern
		.compile("<img[^>]*src=\"[^\"]*/t/o/[^\"]*\"[^>]*>", java.util.regex.Pattern.CASE_INSENSITIVE);

	/**
	 * Finds the plain-text ([0]) and HTML ([1]) parts of a message, however they are
	 * nested.
	 */
	private static void collect(Part part, String[] out) throws MessagingException, IOException {
		if (part.isMimeType("text/plain") && out[0] == null) {
			out[0] = String.valueOf(part.getContent());
		}
		else if (part.isMimeType("text/html") && out[1] == null) {
			out[1] = String.valueOf(part.getContent());
		}
		else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
			for (int i = 0; i < mp.getCount(); i++) {
				BodyPart bp = mp.getBodyPart(i);
				collect(bp, out);
			}
		}
	}

	private static String addresses(jakarta.mail.Address[] addresses) {
		if (addresses == null) {
			return "";
		}
		return Arrays.stream(addresses)
			.map(a -> a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString())
			.collect(Collectors.joining(", "));
	}

}
