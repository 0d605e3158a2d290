package org.opencrm.service;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows service tests point at (users, accounts, contacts), inserted directly: they are
 * core's, not under test here.
 */
public final class ServiceTestData {

	private ServiceTestData() {
	}

	/**
	 * Eight letters, unique per test: all tests of a JVM share one database. Letters
	 * only, one search word.
	 */
	public static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	public static long user(JdbcClient jdbc, String username, String fullName) {
		return jdbc.sql("""
				insert into users (username, full_name, password_hash, role)
				values (?, ?, '{noop}unused', 'SUPPORT_AGENT') returning id
				""").params(username, fullName).query(Long.class).single();
	}

	public static long account(JdbcClient jdbc, String name) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param(name)
			.query(Long.class)
			.single();
	}

	public static long contact(JdbcClient jdbc, long accountId, String firstName, String lastName, String email) {
		return jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, email, lifecycle_stage)
				values (?, ?, ?, ?, 'CUSTOMER') returning id
				""").params(accountId, firstName, lastName, email).query(Long.class).single();
	}

}
