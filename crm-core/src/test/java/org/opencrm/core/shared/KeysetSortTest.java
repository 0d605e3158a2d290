package org.opencrm.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysetSortTest {

	private static final KeysetSort NEWEST = KeysetSort.newestFirst("t.created_at");

	@Test
	void aCursorFromAPageContinuesAfterItsRow() {
		SqlWhere where = new SqlWhere();
		Keyset.Cursor cursor = Keyset.decode(Keyset.encode("2026-12-06T10:15:00.000000", 7, true));

		String orderBy = NEWEST.orderBy(where, cursor, "t.id");

		assertThat(where.sql()).contains("(t.created_at, t.id) <");
		assertThat(where.params()).containsEntry("cursorValue", "2026-12-06T10:15:00.000000").containsEntry("cursorId", 7L);
		assertThat(orderBy).isEqualTo(" order by t.created_at desc, t.id desc");
	}

	/** sqlmap found this: the cast of an altered value failed in the database, and the page was an error. */
	@Test
	void aCursorWhoseTimeWasAlteredByHandIsTheFirstPage() {
		SqlWhere where = new SqlWhere();
		Keyset.Cursor cursor = Keyset.decode(Keyset.encode("2026-12-06T10:15:00.000000' AND 1=1--", 7, true));

		String orderBy = NEWEST.orderBy(where, cursor, "t.id");

		assertThat(where.sql()).isEmpty();
		assertThat(where.params()).isEmpty();
		assertThat(orderBy).isEqualTo(" order by t.created_at desc, t.id desc");
	}

	@Test
	void textSortsTakeAnyValueAsABoundParameter() {
		SqlWhere where = new SqlWhere();
		Keyset.Cursor cursor = Keyset.decode(Keyset.encode("O'Brien') OR 1=1--", 7, true));

		KeysetSort.text("a.name").orderBy(where, cursor, "a.id");

		assertThat(where.params()).containsEntry("cursorValue", "O'Brien') OR 1=1--");
	}

	@Test
	void onlyWholeDaysAndTimesPassAsSuch() {
		assertThat(Keyset.isTimestamp("2026-12-06T10:15:00.000000")).isTrue();
		assertThat(Keyset.isTimestamp("2026-12-06")).isFalse();
		assertThat(Keyset.isDay("2026-12-06")).isTrue();
		assertThat(Keyset.isDay("2026-12-06;select 1")).isFalse();
	}
}
