package org.opencrm.core.contact;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;
import static org.opencrm.core.shared.Rows.textArray;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads one person: their details as a user may see them, the people they may be (on
 * entry), and the one person a phone number or e-mail address names (mail and portal
 * flows).
 */
@Service
public class ContactLookup {

	private static final RowMapper<ContactDetails> DETAILS = (rs, n) -> new ContactDetails(rs.getLong("id"),
			rs.getString("first_name"), rs.getString("last_name"), rs.getString("title"), rs.getString("email"),
			rs.getString("phone"), rs.getString("mobile"), rs.getString("street"), rs.getString("city"),
			rs.getString("postal_code"), rs.getString("country"), longOrNull(rs, "account_id"),
			rs.getString("account_name"), LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
			longOrNull(rs, "owner_id"), rs.getString("owner_name"), textArray(rs, "tags"),
			rs.getBoolean("consent_email"), rs.getBoolean("consent_phone"), instantOrNull(rs, "consent_updated_at"),
			instantOrNull(rs, "last_activity_at"), rs.getLong("version"), instantOrNull(rs, "created_at"),
			instantOrNull(rs, "updated_at"));

	private final JdbcClient jdbc;

	ContactLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The person, if {@code visibility} may see them (the rule is part of the one query).
	 */
	@Transactional(readOnly = true)
	public ContactDetails details(long id, Visibility visibility) {
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), visibility, "c").and("c.id = :id", "id", id);
		return where.bind(jdbc.sql("""
				select c.*, a.name as account_name, u.full_name as owner_name
				from contacts c
				left join accounts a on a.id = c.account_id
				left join users u on u.id = c.owner_id
				""" + where.sql())).query(DETAILS).optional().orElseThrow(() -> new NotFoundException("Contact", id));
	}

	/**
	 * Contacts that may be the person being entered: the same e-mail anywhere, or a
	 * similar name (trigram similarity) at the same account — among those
	 * {@code visibility} may see (see
	 * {@link org.opencrm.core.account.AccountService#findDuplicates} for why not even a
	 * hint).
	 */
	@Transactional(readOnly = true)
	public List<ContactMatch> findDuplicates(String email, String firstName, String lastName, Long accountId,
			Long excludeId, Visibility visibility) {
		// Trigram look-ups flip to a slow generic plan after five runs of a prepared
		// statement.
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), visibility, "c").and("c.id <> :exclude").and("""
				((:email <> '' and lower(c.email) = :email)
				 or (c.account_id = :account and c.full_name % :name and similarity(c.full_name, :name) >= 0.5))""");
		return where.bind(jdbc.sql("""
				select c.id, c.first_name, c.last_name, c.email, a.name as account_name,
				       case when :email <> '' and lower(c.email) = :email then 'email' else 'name' end as reason
				from contacts c left join accounts a on a.id = c.account_id
				%s
				order by reason, c.id
				limit 5
				""".formatted(where.sql())))
			.param("email", email == null ? "" : email.trim().toLowerCase())
			.param("name", TextQuery.normalise(firstName + " " + lastName))
			.param("account", accountId == null ? -1L : accountId)
			.param("exclude", excludeId == null ? -1L : excludeId)
			.query(ContactMatch.class)
			.list();
	}

	/**
	 * The first contact with this phone number (digits compared, see
	 * {@code phone_digits}) or e-mail address (any case); for mail and portal flows that
	 * need one person. People pick from several matches with
	 * {@link org.opencrm.core.search.CustomerLookup}.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> findByPhoneOrEmail(String typed) {
		String t = typed == null ? "" : typed.trim();
		if (t.contains("@")) {
			return jdbc.sql("select id from contacts where lower(email) = lower(?) order by id limit 1")
				.param(t)
				.query(Long.class)
				.optional();
		}
		String digits = TextQuery.phoneDigits(t);
		if (digits.length() < TextQuery.MIN_PHONE_DIGITS) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select id from contacts where phone_digits(phone) = :d or phone_digits(mobile) = :d order by id limit 1
				""").param("d", digits).query(Long.class).optional();
	}

}
