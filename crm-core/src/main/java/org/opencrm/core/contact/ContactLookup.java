package org.opencrm.core.contact;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;
import static org.opencrm.core.shared.Rows.textArray;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
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
			instantOrNull(rs, "updated_at"), rs.getString("external_id"), rs.getString("preferred_locale"));

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
	 * The person, if there is one {@code visibility} may see; for flows (an import) that
	 * handle a missing one themselves.
	 */
	@Transactional(readOnly = true)
	public Optional<ContactDetails> find(long id, Visibility visibility) {
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), visibility, "c").and("c.id = :id", "id", id);
		return where.bind(jdbc.sql("""
				select c.*, a.name as account_name, u.full_name as owner_name
				from contacts c
				left join accounts a on a.id = c.account_id
				left join users u on u.id = c.owner_id
				""" + where.sql())).query(DETAILS).optional();
	}

	/**
	 * Contacts that may be the person being entered, among all those {@code visibility}
	 * may see (see {@link org.opencrm.core.account.AccountService#findDuplicates} for why
	 * not even a hint of others), whatever account they are at: the same e-mail; a very
	 * similar name (trigram similarity ≥ {@value #NAME_ALONE}); or a similar name (≥
	 * {@value #NAME_WITH_MORE}) that a similar e-mail, the same phone number or the same
	 * account makes likelier ("Jon Smyth, jon.smyth@…" for "John Smith, john.smyth@…").
	 * Pairs someone saved anyway ({@link #dismissDuplicatesOf}) are left out. Two
	 * statements: the settings, and one query the trigram index on {@code full_name} (or
	 * the e-mail index) narrows.
	 */
	@Transactional(readOnly = true)
	public List<ContactMatch> findDuplicates(String email, String firstName, String lastName, Long accountId,
			Long excludeId, Visibility visibility) {
		return findDuplicates(email, null, firstName, lastName, accountId, excludeId, visibility);
	}

	/**
	 * As {@link #findDuplicates(String, String, String, Long, Long, Visibility)}, with a
	 * phone number.
	 */
	@Transactional(readOnly = true)
	public List<ContactMatch> findDuplicates(String email, String phone, String firstName, String lastName,
			Long accountId, Long excludeId, Visibility visibility) {
		// Trigram look-ups flip to a slow generic plan after five runs of a prepared
		// statement; the % operator's threshold is the weakest similarity worth a look.
		jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true),"
				+ " set_config('pg_trgm.similarity_threshold', '" + NAME_WITH_MORE + "', true)")
			.query((rs, n) -> 1)
			.list();
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), visibility, "c")
			.and("c.id <> :exclude")
			.and("""
					((:email <> '' and lower(c.email) = :email) or c.full_name %% :name)
					and ((:email <> '' and lower(c.email) = :email)
					     or similarity(c.full_name, :name) >= %s
					     or (:email <> '' and similarity(lower(c.email), :email) >= %s)
					     or (:digits <> '' and (phone_digits(c.phone) = :digits or phone_digits(c.mobile) = :digits))
					     or c.account_id = :account)
					and not exists (select 1 from contact_duplicate_dismissals d
					                where d.contact_low = least(c.id, :exclude) and d.contact_high = greatest(c.id, :exclude))"""
				.formatted(NAME_ALONE, SIMILAR_EMAIL));
		String typedEmail = email == null ? "" : email.trim().toLowerCase();
		String digits = TextQuery.phoneDigits(phone == null ? "" : phone);
		return where.bind(jdbc.sql("""
				select c.id, c.first_name, c.last_name, c.email, a.name as account_name,
				       case when :email <> '' and lower(c.email) = :email then 'email'
				            when :digits <> '' and (phone_digits(c.phone) = :digits or phone_digits(c.mobile) = :digits)
				              then 'phone'
				            when :email <> '' and similarity(lower(c.email), :email) >= %s then 'similar'
				            else 'name' end as reason
				from contacts c left join accounts a on a.id = c.account_id
				%s
				order by (:email <> '' and lower(c.email) = :email) desc,
				         similarity(c.full_name, :name) + similarity(coalesce(lower(c.email), ''), :email) desc, c.id
				limit 5
				""".formatted(SIMILAR_EMAIL, where.sql())))
			.param("email", typedEmail)
			.param("digits", digits.length() < TextQuery.MIN_PHONE_DIGITS ? "" : digits)
			.param("name", TextQuery.normalise((firstName == null ? "" : firstName) + " " + lastName))
			.param("account", accountId == null ? -1L : accountId)
			.param("exclude", excludeId == null ? -1L : excludeId)
			.query(Rows.of(ContactMatch.class))
			.list();
	}

	/** A name this similar is a likely duplicate alone. */
	static final String NAME_ALONE = "0.8";

	/** A name this similar is one with a similar e-mail, the same phone or account. */
	static final String NAME_WITH_MORE = "0.6";

	/** E-mail addresses this similar differ by a typo or two. */
	static final String SIMILAR_EMAIL = "0.5";

	/**
	 * The user saved {@code contactId} although it looked like others ("save anyway"):
	 * the contacts it matches now are different people, and neither record's later edits
	 * warn about the other again.
	 */
	@Transactional
	public void dismissDuplicatesOf(long contactId, Visibility visibility) {
		// The user just saved it (it may have gone to someone they can't see).
		ContactDetails c = details(contactId, Visibility.all());
		for (ContactMatch match : findDuplicates(c.email(), c.phone(), c.firstName(), c.lastName(), c.accountId(),
				contactId, visibility)) {
			jdbc.sql("""
					insert into contact_duplicate_dismissals (contact_low, contact_high, dismissed_by)
					values (least(:a, :b), greatest(:a, :b), :by) on conflict do nothing
					""").param("a", contactId).param("b", match.id()).param("by", Actor.currentIdOrNull()).update();
		}
	}

	/**
	 * The two people are different ones (the duplicate review's "not a duplicate"): the
	 * finder and the warning on the form leave the pair alone from now on.
	 */
	@Transactional
	public void dismissPair(long a, long b) {
		jdbc.sql("""
				insert into contact_duplicate_dismissals (contact_low, contact_high, dismissed_by)
				values (least(:a, :b), greatest(:a, :b), :by) on conflict do nothing
				""").param("a", a).param("b", b).param("by", Actor.currentIdOrNull()).update();
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
