package org.opencrm.marketing.template;

import java.util.List;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.mail.RenderedMail;
import org.opencrm.core.shared.Like;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.marketing.MarketingSettings;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail templates: create and change (an {@link EmailTemplate} checks itself, one write
 * path through {@link TemplateRepository} that checks its version), the list and form as
 * SQL rows, preview for a contact, test send.
 */
@Service
public class TemplateService {

	private final JdbcClient jdbc;

	private final TemplateRepository repository;

	private final Mails mails;

	private final String from;

	private final MessageSource messages;

	TemplateService(JdbcClient jdbc, TemplateRepository repository, Mails mails, MarketingSettings settings,
			MessageSource messages) {
		this.messages = messages;
		this.jdbc = jdbc;
		this.repository = repository;
		this.mails = mails;
		this.from = settings.from();
	}

	/**
	 * A saved template's id and what cleaning took out of its HTML ({@code <base>},
	 * {@code onclick on <a>}, …), for telling the marketer; empty when nothing was.
	 */
	public record Saved(long id, List<String> removedHtml) {
	}

	/**
	 * Checks the template, cleans its HTML (see {@link EmailTemplate#write}) and stores
	 * the clean copy.
	 */
	@Transactional
	public Saved create(TemplateCommand cmd) {
		EmailTemplate template = new EmailTemplate();
		List<String> removed = template.write(cmd);
		return new Saved(repository.saveAndFlush(template).getId(), removed);
	}

	@Transactional
	public Saved update(long id, TemplateCommand cmd) {
		EmailTemplate template = repository.findById(id).orElseThrow(() -> new NotFoundException("EmailTemplate", id));
		template.checkVersion(cmd.version());
		List<String> removed = template.write(cmd);
		// Flush now so a concurrent save fails here, as a version conflict.
		repository.flush();
		return new Saved(id, removed);
	}

	@Transactional(readOnly = true)
	public TemplateDetails details(long id) {
		return jdbc.sql("""
				select id, name, subject, html_body, text_body, version, updated_at from email_templates where id = ?
				""")
			.param(id)
			.query(Rows.of(TemplateDetails.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("EmailTemplate", id));
	}

	/** All templates by name; a CRM has tens of them, so this list is not paged. */
	@Transactional(readOnly = true)
	public List<TemplateDetails> list() {
		return jdbc.sql("""
				select id, name, subject, html_body, text_body, version, updated_at from email_templates
				order by sort_name, id limit 500
				""").query(Rows.of(TemplateDetails.class)).list();
	}

	/** A template by name. */
	public record Named(long id, String name) {
	}

	/**
	 * Templates whose name contains {@code typed} (any case), by name, at most
	 * {@code limit}: the template picker's suggestions.
	 */
	@Transactional(readOnly = true)
	public List<Named> named(String typed, int limit) {
		return jdbc.sql("select id, name from email_templates where sort_name like ? order by sort_name, id limit ?")
			.params(Like.containing(TextQuery.normalise(typed)), limit)
			.query(Rows.of(Named.class))
			.list();
	}

	/** The template as {@code contactId} would get it (tracking links left out). */
	@Transactional(readOnly = true)
	public RenderedEmail preview(long id, long contactId) {
		TemplateDetails t = details(id);
		MergeData data = mergeData(contactId);
		return TemplateMarkup.render(t.subject(), t.htmlBody(), t.textBody(), data);
	}

	/**
	 * Sends the preview for {@code contactId} (or sample values when null) to one
	 * address, through the mail outbox (right away, retried if the server can't take it
	 * now); an address that is not one is refused ({@code mail.to.invalid}).
	 */
	public void testSend(long id, Long contactId, String to) {
		TemplateDetails t = details(id);
		MergeData data = contactId == null ? sample(to) : mergeData(contactId);
		RenderedEmail r = TemplateMarkup.render(t.subject(), t.htmlBody(), t.textBody(), data);
		mails.enqueueAndSend(OutgoingMail.to(to, MailKind.MARKETING, "template.test")
			.withFrom(from)
			.withContent(new RenderedMail(testSubject(r.subject()), r.html(), r.text()))
			.about("email_template", id));
	}

	/**
	 * The subject marked as a test, in the sender's language (the bundle's
	 * {@code mkt.template.testSubject}; the marker alone where a module runs without it).
	 */
	private String testSubject(String subject) {
		return messages.getMessage("mkt.template.testSubject", new Object[] { subject }, "[TEST] " + subject,
				LocaleContextHolder.getLocale());
	}

	private static MergeData sample(String to) {
		return new MergeData("Jane", "Doe", to, "Example Ltd", "Mona Marketer", "marketing@opencrm.local",
				"https://example.invalid/unsubscribe");
	}

	MergeData mergeData(long contactId) {
		return jdbc.sql("""
				select c.first_name, c.last_name, c.email, a.name as account_name, u.full_name as owner_full_name,
				       u.email as owner_email, '#unsubscribe' as unsubscribe_url
				from contacts c left join accounts a on a.id = c.account_id left join users u on u.id = c.owner_id
				where c.id = ?
				""")
			.param(contactId)
			.query(Rows.of(MergeData.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("Contact", contactId));
	}

}
