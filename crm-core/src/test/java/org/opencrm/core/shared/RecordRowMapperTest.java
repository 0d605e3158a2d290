package org.opencrm.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.opencrm.test.TestDatabase;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link Rows#of} against the real PostgreSQL, side by side with Spring's
 * {@link SimplePropertyRowMapper} ({@code JdbcClient.query(Type.class)}), which it
 * replaces: the same records from the same rows, without the driver's exceptions.
 */
class RecordRowMapperTest {

	static final TestDatabase.Connection DB = TestDatabase.get();

	static final JdbcClient JDBC = JdbcClient
		.create(new DriverManagerDataSource(DB.url(), DB.username(), DB.password()));

	enum Colour {

		RED, GREEN

	}

	record Everything(long id, Long accountId, int contactCount, Integer maybeCount, boolean active, Boolean maybe,
			double ratio, String name, BigDecimal amount, Instant createdAt, Instant localAt, LocalDate closeDate,
			LocalDate dayOfInstant, Colour colour, java.sql.Date day, Timestamp at) {
	}

	/** Every kind of column the records read, with values and with nulls. */
	static final String EVERYTHING = """
			select 7::bigint as id, 42::bigint as account_id, count(*) as contact_count, 3 as maybe_count,
			       true as active, false as maybe, 0.25::float8 as ratio, 'Acme' as name, 12.50::numeric(12, 2) as amount,
			       timestamptz '2030-03-15 10:00:01.123456+00' as created_at, timestamp '2030-03-15 10:00' as local_at,
			       date '2030-03-31' as close_date, timestamptz '2030-03-15 23:30+00' as day_of_instant,
			       'GREEN' as colour, date '2030-01-02' as day, timestamptz '2030-03-15 10:00+00' as at
			from generate_series(1, 4)
			union all
			select 8, null, 0, null, false, null, 0, null, null, null, null, null, null, null, null, null
			union all
			select 9, null, 0, null, false, null, 0, '', null, null, null, null, null, ' RED ', null, null
			order by id
			""";

	@Test
	void readsEveryKindOfColumnAsSpringsPropertyMapperDoes() {
		List<Everything> rows = JDBC.sql(EVERYTHING).query(Rows.of(Everything.class)).list();

		assertThat(rows).isEqualTo(JDBC.sql(EVERYTHING).query(Everything.class).list());
		assertThat(rows.get(0)).isEqualTo(
				new Everything(7, 42L, 4, 3, true, false, 0.25, "Acme", new BigDecimal("12.50"),
						Instant.parse("2030-03-15T10:00:01.123456Z"),
						Timestamp.valueOf("2030-03-15 10:00:00").toInstant(), LocalDate.of(2030, 3, 31),
						new Timestamp(Instant.parse("2030-03-15T23:30:00Z").toEpochMilli()).toLocalDateTime()
							.toLocalDate(),
						Colour.GREEN, java.sql.Date.valueOf("2030-01-02"),
						Timestamp.from(Instant.parse("2030-03-15T10:00:00Z"))));
		assertThat(rows.get(1)).isEqualTo(
				new Everything(8, null, 0, null, false, null, 0, null, null, null, null, null, null, null, null, null));
		// An empty name stays empty; an enum's name is trimmed, and an empty one is null.
		assertThat(rows.get(2).name()).isEmpty();
		assertThat(rows.get(2).colour()).isEqualTo(Colour.RED);
	}

	record Counted(long total, int shown) {
	}

	@Test
	void convertsNumbersToTheComponentsTypeAndRefusesANullForAPrimitive() {
		String sql = "select sum(x)::numeric as total, count(*) as shown from generate_series(1, 3) x";
		assertThat(JDBC.sql(sql).query(Rows.of(Counted.class)).single()).isEqualTo(new Counted(6, 3));

		String none = "select null::bigint as total, 1 as shown";
		assertThatThrownBy(() -> JDBC.sql(none).query(Counted.class).single())
			.isInstanceOf(ConversionFailedException.class);
		assertThatThrownBy(() -> JDBC.sql(none).query(Rows.of(Counted.class)).single())
			.isInstanceOf(ConversionFailedException.class)
			.hasMessageContaining("null");
	}

	record Named(long accountId, String name) {
	}

	@Test
	void findsColumnsByNameOrSnakeCaseIgnoringCaseAndIgnoresTheRest() {
		for (String sql : List.of("select 1 as \"accountId\", 'a' as name", "select 'a' as \"NAME\", 1 as ACCOUNT_ID",
				"select 'unused' as other, 1 as account_id, 'a' as name")) {
			assertThat(JDBC.sql(sql).query(Rows.of(Named.class)).single()).as(sql)
				.isEqualTo(new Named(1, "a"))
				.isEqualTo(JDBC.sql(sql).query(Named.class).single());
		}
		// Both names: the snake_case one, which Spring looks up first (and then fails
		// setting the other column into the record's final field).
		assertThat(JDBC.sql("select 2 as \"accountId\", 1 as account_id, 'a' as name")
			.query(Rows.of(Named.class))
			.single()).isEqualTo(new Named(1, "a"));
	}

	/** As Spring's mapper did (with pgjdbc's "column name account_id was not found"). */
	@Test
	void aMissingColumnIsBadSqlNamingTheRecordAndTheColumnsThereAre() {
		assertThatThrownBy(() -> JDBC.sql("select 'a' as name, 2 as id").query(Rows.of(Named.class)).single())
			.isInstanceOf(BadSqlGrammarException.class)
			.cause()
			.hasMessage("No column account_id (or accountId) for " + Named.class.getName()
					+ " among the result's columns [name, id]");
	}

	@Test
	void oneMapperReadsEachResultSetByItsOwnColumns() {
		RowMapper<Named> mapper = Rows.of(Named.class);

		assertThat(JDBC.sql("select 1 as account_id, 'a' as name").query(mapper).single()).isEqualTo(new Named(1, "a"));
		assertThat(JDBC.sql("select 'b' as name, 2 as account_id").query(mapper).single()).isEqualTo(new Named(2, "b"));
	}

	record Odd(UUID id) {
	}

	@Test
	void aComponentOfATypeItCannotReadIsRefusedWhenTheMapperIsMade() {
		assertThatThrownBy(() -> Rows.of(Odd.class)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Odd")
			.hasMessageContaining("id of type java.util.UUID");
	}

	/**
	 * Spring's mapper looks each component up by name on every row ({@code findColumn},
	 * which pgjdbc answers with an exception for {@code accountId} before Spring tries
	 * {@code account_id}) and asks for an {@code Instant} with {@code getObject(column,
	 * Instant.class)}, which pgjdbc refuses with another; this one reads the metadata
	 * once per result set and each value by index with a getter the driver answers.
	 */
	@Test
	void readsByIndexWithoutAskingTheDriverWhatItRefuses() {
		String sql = "select x as id, x as account_id, now() as created_at from generate_series(1, 3) x";
		record Touch(long id, Long accountId, Instant createdAt) {
		}

		Map<String, Integer> ours = callsWhileMapping(sql, Rows.of(Touch.class));
		Map<String, Integer> springs = callsWhileMapping(sql, new SimplePropertyRowMapper<>(Touch.class));

		assertThat(springs).containsEntry("findColumn", 9).containsEntry("getObject(int, Class)", 3);
		assertThat(ours).containsEntry("getMetaData", 1)
			.doesNotContainKeys("findColumn", "getObject(int, Class)")
			.containsEntry("getLong", 6)
			.containsEntry("getTimestamp", 3);
	}

	/** The ResultSet methods {@code mapper} calls on three rows of {@code sql}. */
	private static Map<String, Integer> callsWhileMapping(String sql, RowMapper<?> mapper) {
		Map<String, Integer> calls = new ConcurrentHashMap<>();
		List<Object> rows = new ArrayList<>();
		JDBC.sql(sql).query((ResultSetExtractor<List<Object>>) rs -> {
			ResultSet counted = (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(),
					new Class<?>[] { ResultSet.class }, (proxy, method, args) -> {
						String name = method.getName();
						if (name.equals("getObject") && args.length == 2 && args[1] instanceof Class) {
							name = "getObject(int, Class)";
						}
						calls.merge(name, 1, Integer::sum);
						try {
							return method.invoke(rs, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
			while (counted.next()) {
				rows.add(mapper.mapRow(counted, rows.size()));
			}
			return rows;
		});
		assertThat(rows).hasSize(3);
		calls.remove("next");
		return calls;
	}

}
