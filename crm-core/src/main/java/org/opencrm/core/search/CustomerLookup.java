package org.opencrm.core.search;

import java.util.List;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The call-centre look-up: who has this phone number (contacts' phone and mobile,
 * accounts' phone; digits compared) or e-mail address (any case)? One statement over
 * expression indexes ({@code phone_digits(…)}, {@code lower(email)}), only customers the
 * user may see.
 */
@Service
public class CustomerLookup {

	public static final int MAX_LENGTH = 100;

	/** Matches shown at most; more than this is still "several". */
	public static final int LIMIT = 20;

	private final JdbcClient jdbc;

	CustomerLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What was typed, understood: an e-mail address or a phone number's digits. */
	public record Key(String email, String phoneDigits) {

		/** Null when the text is neither (no "@" and fewer than five digits). */
		public static Key of(String typed) {
			String t = typed == null ? "" : typed.trim();
			if (t.contains("@")) {
				return new Key(t.toLowerCase(java.util.Locale.ROOT), null);
			}
			String digits = TextQuery.phoneDigits(t);
			// Letters mean a name, not a number: leave those to the full-text search.
			if (digits.length() < TextQuery.MIN_PHONE_DIGITS || t.matches(".*\\p{L}.*")) {
				return null;
			}
			return new Key(null, digits);
		}
	}

	/**
	 * Customers with this phone number or e-mail address, contacts first.
	 * @throws RuleViolationException when nothing was typed, it is too long, or it is
	 * neither a phone number nor an e-mail address
	 */
	@Transactional(readOnly = true)
	public List<SearchHit> find(String typed, Visibility visibility) {
		String t = typed == null ? "" : typed.trim();
		if (t.isEmpty()) {
			throw new RuleViolationException("lookup.empty", "Type a phone number or an e-mail address.");
		}
		if (t.length() > MAX_LENGTH) {
			throw new RuleViolationException("lookup.tooLong", "At most {0} characters, please.", MAX_LENGTH);
		}
		Key key = Key.of(t);
		if (key == null) {
			throw new RuleViolationException("lookup.notAKey", "‘{0}’ is neither a phone number nor an e-mail address.",
					t);
		}
		return find(key, visibility);
	}

	/** The same look-up for an already understood key (the search box's shortcut). */
	@Transactional(readOnly = true)
	public List<SearchHit> find(Key key, Visibility visibility) {
		String contactWhere = key.email() != null ? "lower(c.email) = :email"
				: "(phone_digits(c.phone) = :digits or phone_digits(c.mobile) = :digits)";
		String accountWhere = key.email() != null ? "lower(a.email) = :email" : "phone_digits(a.phone) = :digits";
		SqlWhere contacts = AccountAccess.restrictContacts(new SqlWhere().and(contactWhere), visibility, "c");
		SqlWhere accounts = AccountAccess.restrictAccounts(new SqlWhere().and(accountWhere), visibility, "a");
		String sql = """
				(select 'CONTACT' as kind, c.id, c.first_name || ' ' || c.last_name as title,
				        concat_ws(' · ', c.email, coalesce(c.phone, c.mobile), (select an.name from accounts an where an.id = c.account_id)) as subtitle,
				        0 as rank
				 from contacts c %s order by c.sort_name, c.id limit :limit)
				union all
				(select 'ACCOUNT' as kind, a.id, a.name as title, concat_ws(' · ', a.email, a.phone, a.city) as subtitle,
				        1 as rank
				 from accounts a %s order by a.sort_name, a.id limit :limit)
				order by rank limit :limit
				"""
			.formatted(contacts.sql(), accounts.sql());
		var spec = accounts.bind(contacts.bind(jdbc.sql(sql)))
			.param("email", key.email() == null ? "" : key.email())
			.param("digits", key.phoneDigits() == null ? "" : key.phoneDigits())
			.param("limit", LIMIT);
		return spec
			.query((rs, n) -> new SearchHit(SearchHit.Kind.valueOf(rs.getString("kind")), rs.getLong("id"),
					rs.getString("title"), rs.getString("subtitle")))
			.list();
	}

}
