package org.opencrm.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A roll-up table kept by triggers, checked against the live aggregate it stands for: two
 * statements read the same rows into one record type, in the same order, and must give
 * equal lists. On a difference the message names the rows only one side has, so a broken
 * trigger shows which key went wrong, not two long lists.
 * <p>
 * The live statement must find rows (a check of two empty lists proves nothing) unless
 * the check is made with {@link #mayBeEmpty()}. Named parameters (for example the ids of
 * the accounts a test wrote) go to both statements.
 *
 * @param <T> the record both statements are read into
 */
public final class RollUpCheck<T> {

	private final JdbcClient jdbc;

	private final String name;

	private final Class<T> row;

	private final String rollUpSql;

	private final String liveSql;

	private final boolean mayBeEmpty;

	private RollUpCheck(JdbcClient jdbc, String name, Class<T> row, String rollUpSql, String liveSql,
			boolean mayBeEmpty) {
		this.jdbc = jdbc;
		this.name = name;
		this.row = row;
		this.rollUpSql = rollUpSql;
		this.liveSql = liveSql;
		this.mayBeEmpty = mayBeEmpty;
	}

	/**
	 * @param name what is checked (the roll-up table), for the failure message
	 * @param row the record both statements are read into
	 * @param rollUpSql the roll-up's rows that count (rows netted to zero left out)
	 * @param liveSql the same figures added up from the rows themselves
	 */
	public static <T> RollUpCheck<T> of(JdbcClient jdbc, String name, Class<T> row, String rollUpSql, String liveSql) {
		return new RollUpCheck<>(jdbc, name, row, rollUpSql, liveSql, false);
	}

	/** The same check, content with no rows on either side. */
	public RollUpCheck<T> mayBeEmpty() {
		return new RollUpCheck<>(jdbc, name, row, rollUpSql, liveSql, true);
	}

	public List<T> rollUp() {
		return rollUp(Map.of());
	}

	public List<T> rollUp(Map<String, ?> params) {
		return jdbc.sql(rollUpSql).params(params).query(row).list();
	}

	public List<T> live() {
		return live(Map.of());
	}

	public List<T> live(Map<String, ?> params) {
		return jdbc.sql(liveSql).params(params).query(row).list();
	}

	/** Asserts that the roll-up holds exactly what the live aggregate adds up. */
	public void assertLive() {
		assertLive(Map.of());
	}

	/** As {@link #assertLive()}, both statements given these named parameters. */
	public void assertLive(Map<String, ?> params) {
		List<T> live = live(params);
		if (!mayBeEmpty) {
			assertThat(live).as("%s: the test has rows to add up", name).isNotEmpty();
		}
		List<T> rollUp = rollUp(params);
		assertThat(rollUp).overridingErrorMessage(() -> difference(rollUp, live)).isEqualTo(live);
	}

	private String difference(List<T> rollUp, List<T> live) {
		List<T> onlyRollUp = new ArrayList<>(rollUp);
		live.forEach(onlyRollUp::remove);
		List<T> onlyLive = new ArrayList<>(live);
		rollUp.forEach(onlyLive::remove);
		if (onlyRollUp.isEmpty() && onlyLive.isEmpty()) {
			return "%s holds the live aggregate's rows in another order:%n  %s%n  live: %s".formatted(name, rollUp,
					live);
		}
		return "%s is not the live aggregate (%d rows, live %d).%n  only in %s: %s%n  only in the live aggregate: %s"
			.formatted(name, rollUp.size(), live.size(), name, onlyRollUp, onlyLive);
	}

}
