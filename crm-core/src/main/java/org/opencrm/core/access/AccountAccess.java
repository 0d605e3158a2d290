package org.opencrm.core.access;

import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.OwnerRule;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see which customer — the one rule for accounts and contacts. A sales rep sees
 * the accounts they own plus the unowned ones; a manager those of their team (their own
 * included) plus the unowned ones; everyone else (admins, agents, marketers) all of them.
 * A contact is visible when its account is; a contact without an account when its owner
 * is in scope or it has none. A customer outside the scope is answered as "not found",
 * like one that doesn't exist.
 */
@Service
public class AccountAccess {

	private final JdbcClient jdbc;

	AccountAccess(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Narrows an accounts query ({@code alias} is the accounts table's alias) to visible
	 * accounts.
	 */
	public static SqlWhere restrictAccounts(SqlWhere where, Visibility visibility, String alias) {
		String condition = ownerCondition(visibility, alias + ".owner_id");
		return condition == null ? where : bind(where.and(condition), visibility);
	}

	/**
	 * Narrows a contacts query ({@code alias} is the contacts table's alias) to visible
	 * contacts.
	 */
	public static SqlWhere restrictContacts(SqlWhere where, Visibility visibility, String alias) {
		String condition = contactCondition(visibility, alias);
		return condition == null ? where : bind(where.and(condition), visibility);
	}

	/**
	 * The contact rule as a filter no index serves: for statements that fetch a capped
	 * number of candidates from another index (the search's GIN matches), where the
	 * planner would otherwise AND those with a bitmap of every contact the user may see
	 * (134,000 index entries for a rep at a million contacts).
	 */
	public static SqlWhere restrictContactsAsFilter(SqlWhere where, Visibility visibility, String alias) {
		String condition = contactCondition(visibility, alias);
		return condition == null ? where : bind(
				where.and(condition.replace(alias + ".access_owner_id", alias + ".access_owner_id + 0")), visibility);
	}

	/**
	 * Narrows a query over records about a customer (appointments, …) to those whose
	 * customer is visible: by the account in {@code accountIdColumn} when there is one,
	 * else by the person in {@code contactIdColumn}.
	 */
	public static SqlWhere restrictCustomer(SqlWhere where, Visibility visibility, String accountIdColumn,
			String contactIdColumn) {
		String onAccount = ownerCondition(visibility, "xca.owner_id");
		if (onAccount == null) {
			return where;
		}
		return bind(where.and("(case when " + accountIdColumn
				+ " is not null then exists (select 1 from accounts xca where xca.id = " + accountIdColumn + " and "
				+ onAccount + ") else exists (select 1 from contacts xcc where xcc.id = " + contactIdColumn + " and "
				+ contactCondition(visibility, "xcc") + ") end)"), visibility);
	}

	/**
	 * The contact rule as SQL over {@code alias} (named parameters
	 * {@code visUser}/{@code visTeam}), or null when the user sees every contact. The
	 * owner that decides is kept on the contact ({@code access_owner_id}: the account's
	 * owner, or the contact's own without an account; triggers keep it), so the rule is a
	 * condition on the contact's row, one index condition on {@code contacts_access_idx}
	 * (0 for nobody's). Asked through the account, every list, capped count and search
	 * hashed all the accounts the user may see and filtered each contact through it
	 * (issue 19).
	 */
	static String contactCondition(Visibility visibility, String alias) {
		String owner = "coalesce(" + alias + ".access_owner_id, 0)";
		return switch (visibility.scope()) {
			case ALL -> null;
			case OWN -> owner + " in (0, :visUser)";
			case TEAM -> owner + " = any(array[0, :visUser]"
					+ " || array(select vu.id from users vu where vu.team_id = :visTeam))";
		};
	}

	/**
	 * The same rule as the owners whose contacts the user may see: a {@code bigint[]} of
	 * {@code coalesce(access_owner_id, 0)} values over the named parameters
	 * {@code visUser}/{@code visTeam} (bind them with {@link #restrictContactsAsFilter}
	 * in the same statement), or null when the user sees every contact. For tables keyed
	 * by that owner (the search's {@code contact_search_words}), read one range per
	 * owner.
	 */
	public static String contactOwnerKeys(Visibility visibility) {
		return switch (visibility.scope()) {
			case ALL -> null;
			case OWN -> "array[0, :visUser]::bigint[]";
			case TEAM -> "array(select 0::bigint union select :visUser union select vu.id from users vu"
					+ " where vu.team_id = :visTeam)";
		};
	}

	/**
	 * The account rule as the owners whose accounts the user may see:
	 * {@code coalesce(owner_id, 0)} values, the same as {@link #contactOwnerKeys} (a
	 * contact's deciding owner is its account's), or null when the user sees every
	 * account. For the search's {@code account_search_words}.
	 */
	public static String accountOwnerKeys(Visibility visibility) {
		return contactOwnerKeys(visibility);
	}

	private static String ownerCondition(Visibility visibility, String ownerColumn) {
		return switch (visibility.scope()) {
			case ALL -> null;
			case OWN -> "(" + ownerColumn + " is null or " + ownerColumn + " = :visUser)";
			case TEAM -> "(" + ownerColumn + " is null or " + ownerColumn + " = :visUser or " + ownerColumn
					+ " in (select vu.id from users vu where vu.team_id = :visTeam))";
		};
	}

	private static SqlWhere bind(SqlWhere where, Visibility visibility) {
		where.param("visUser", visibility.userId());
		if (visibility.scope() == Visibility.Scope.TEAM) {
			where.param("visTeam", visibility.teamId());
		}
		return where;
	}

	/**
	 * Throws {@link NotFoundException} unless the account exists and the user may see it
	 * (one statement).
	 */
	@Transactional(readOnly = true)
	public void requireAccount(long accountId, Visibility visibility) {
		if (!exists("accounts a", "a", accountId, restrictAccounts(new SqlWhere(), visibility, "a"))) {
			throw new NotFoundException("Account", accountId);
		}
	}

	/**
	 * Throws {@link NotFoundException} unless the contact exists and the user may see it
	 * (one statement).
	 */
	@Transactional(readOnly = true)
	public void requireContact(long contactId, Visibility visibility) {
		if (!exists("contacts c", "c", contactId, restrictContacts(new SqlWhere(), visibility, "c"))) {
			throw new NotFoundException("Contact", contactId);
		}
	}

	/**
	 * Throws {@link NotFoundException} unless the user may see the account and the person
	 * a record is about (either may be null): the check before a user writes a task, a
	 * timeline entry, a ticket or an appointment on a customer.
	 */
	@Transactional(readOnly = true)
	public void requireCustomer(Long accountId, Long contactId, Visibility visibility) {
		if (accountId != null) {
			requireAccount(accountId, visibility);
		}
		if (contactId != null) {
			requireContact(contactId, visibility);
		}
	}

	@Transactional(readOnly = true)
	public boolean canSeeAccount(long accountId, Visibility visibility) {
		return exists("accounts a", "a", accountId, restrictAccounts(new SqlWhere(), visibility, "a"));
	}

	@Transactional(readOnly = true)
	public boolean canSeeContact(long contactId, Visibility visibility) {
		return exists("contacts c", "c", contactId, restrictContacts(new SqlWhere(), visibility, "c"));
	}

	/**
	 * Whether the user may make {@code ownerId} the owner of a customer: a rep only
	 * themselves, a manager someone in their team, everyone else any rep or manager
	 * ({@link OwnerRule}: never an agent, marketer or admin); nobody (an unowned
	 * customer, visible to all) is always allowed. Else the record would vanish from
	 * their view, or be handed to someone to hide it — the same rule leads and deals
	 * follow. A {@link RuleViolationException} (a field message on the form) otherwise.
	 */
	@Transactional(readOnly = true)
	public void requireAssignable(Long ownerId, Visibility visibility) {
		if (ownerId == null) {
			return;
		}
		if (!OwnerRule.mayOwn(jdbc, visibility, ownerId)) {
			throw RuleViolationException.onField("ownerId", "customer.owner.notAllowed",
					"You can only give customers to yourself or your team.");
		}
	}

	private boolean exists(String table, String alias, long id, SqlWhere where) {
		where.and(alias + ".id = :accessId", "accessId", id);
		return where.bind(jdbc.sql("select count(*) from " + table + where.sql())).query(Long.class).single() > 0;
	}

}
