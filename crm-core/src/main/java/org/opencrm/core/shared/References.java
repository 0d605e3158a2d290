package org.opencrm.core.shared;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks that a record a command refers to exists, so a bad id fails as "not found", not
 * as a constraint error.
 */
public final class References {

	private References() {
	}

	/**
	 * Throws {@link NotFoundException} unless {@code id} is null or an account with it
	 * exists.
	 */
	public static void requireAccount(JdbcClient jdbc, Long id) {
		if (id != null && !exists(jdbc, "select 1 from accounts where id = ?", id)) {
			throw new NotFoundException("Account", id);
		}
	}

	/**
	 * The account a contact belongs to (null for none); {@link NotFoundException} for an
	 * unknown contact.
	 */
	public static Long accountOfContact(JdbcClient jdbc, long contactId) {
		// One-element array: a contact without an account is a row holding null, not a
		// missing row.
		return jdbc.sql("select account_id from contacts where id = ?")
			.param(contactId)
			.query((rs, n) -> new Long[] { rs.getObject(1, Long.class) })
			.optional()
			.orElseThrow(() -> new NotFoundException("Contact", contactId))[0];
	}

	private static boolean exists(JdbcClient jdbc, String sql, long id) {
		return jdbc.sql(sql).param(id).query(Integer.class).optional().isPresent();
	}

}
