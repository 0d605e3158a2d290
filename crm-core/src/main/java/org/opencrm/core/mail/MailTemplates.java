package org.opencrm.core.mail;

import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The app's own mails (reminders, surveys, reset and confirmation links,
 * acknowledgements) as Thymeleaf templates, {@code templates/mail/<name>.html}, whose
 * words are message keys of {@code mail/messages*.properties}: rendered in the
 * recipient's language, the {@code <title>} is the subject and jsoup makes the text part.
 * The engine is this class's own (not a bean), so it never stands in for the web module's
 * page engine.
 */
@Component
public class MailTemplates {

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	private final Locale defaultLocale;

	private final ResourceBundleMessageSource messages;

	private final JdbcClient jdbc;

	MailTemplates(MailOutboxSettings settings, JdbcClient jdbc) {
		this.defaultLocale = settings.locale();
		this.jdbc = jdbc;
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		messages = new ResourceBundleMessageSource();
		messages.setBasename("mail/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		engine.setTemplateResolver(resolver);
		engine.setTemplateEngineMessageSource(messages);
	}

	/**
	 * Renders {@code template} with {@code variables} in {@code locale} (null: the
	 * default language).
	 */
	public RenderedMail render(String template, Locale locale, Map<String, Object> variables) {
		String html = engine.process(template, new Context(locale == null ? defaultLocale : locale, variables));
		Document doc = Jsoup.parse(html);
		return new RenderedMail(doc.title().strip(), html, HtmlText.toText(doc.body().html()));
	}

	/**
	 * One text of the mail bundle in {@code locale} (null: the default language): for
	 * what the mail desk writes beside a customer's words (a mail without a subject,
	 * refused attachments), stored with them as they are.
	 */
	public String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale == null ? defaultLocale : locale);
	}

	/**
	 * The locale of a stored language tag such as {@code users.locale} (null or blank:
	 * the default).
	 */
	public Locale locale(String languageTag) {
		return languageTag == null || languageTag.isBlank() ? defaultLocale : Locale.forLanguageTag(languageTag);
	}

	/**
	 * The language a user's mails are written in: their own setting
	 * ({@code users.locale}), for a portal customer else their contact's
	 * ({@code contacts.preferred_locale}), else the default.
	 */
	public Locale localeOfUser(long userId) {
		return localeOfUser(userId, null);
	}

	/**
	 * The same, with {@code fallback} (a language tag, null for none) before the default:
	 * the language of the page a customer registered on.
	 */
	public Locale localeOfUser(long userId, String fallback) {
		return locale(jdbc.sql("""
				select coalesce(u.locale, c.preferred_locale) from users u
				left join contacts c on c.id = u.contact_id where u.id = ?
				""").param(userId).query(String.class).optional().orElse(fallback));
	}

	/**
	 * The language of the mails to a customer: their portal setting if they have a portal
	 * login that chose one, else the contact's {@code preferred_locale}, else the default
	 * (also for no contact).
	 */
	public Locale localeOfContact(Long contactId) {
		if (contactId == null) {
			return defaultLocale;
		}
		return locale(jdbc.sql("""
				select coalesce((select u.locale from users u where u.contact_id = c.id), c.preferred_locale)
				from contacts c where c.id = ?
				""").param(contactId).query(String.class).optional().orElse(null));
	}

}
