package org.opencrm.marketing;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builders for marketing test data; bulk rows go in by SQL. */
public final class Fixtures {

	private Fixtures() {
	}

	public static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	/**
	 * {@code n} consenting contacts tagged {@code tag}, addresses
	 * {@code p<i>-<tag>@example.com}.
	 */
	public static void contacts(JdbcClient jdbc, String tag, int n, boolean consent) {
		jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, tags, consent_email)
				select 'P' || i, 'Person', 'p' || i || '-' || ? || '@example.com', 'LEAD', array[?], ?
				from generate_series(1, ?) i
				""").params(tag, tag, consent, n).update();
	}

	public static long contact(JdbcClient jdbc, String first, String email, String tag, boolean consent,
			Long accountId) {
		return jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, tags, consent_email, account_id)
				values (?, 'Person', ?, 'LEAD', array[?], ?, ?) returning id
				""").params(first, email, tag, consent, accountId).query(Long.class).single();
	}

	public static long account(JdbcClient jdbc, String name) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'LEAD') returning id")
			.param(name)
			.query(Long.class)
			.single();
	}

	public static long template(JdbcClient jdbc, String name) {
		return jdbc
			.sql("""
					insert into email_templates (name, subject, html_body, text_body)
					values (?, 'Hello {{contact.firstName}}', '<html><body><p>Hi {{contact.firstName}}, see <a href="https://example.com/offer?a=1&amp;b=2">the offer</a>.</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p></body></html>',
					        'Hi {{contact.firstName}}, unsubscribe: {{unsubscribeUrl}}')
					returning id
					""")
			.param(name)
			.query(Long.class)
			.single();
	}

}
