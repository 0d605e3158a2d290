package org.opencrm.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CappedCountTest {

	@Test
	void aCountUpToTheCapIsExact() {
		assertThat(CappedCount.of(0)).isEqualTo(new CappedCount(0, false));
		assertThat(CappedCount.of(CappedCount.CAP)).isEqualTo(new CappedCount(CappedCount.CAP, false));
	}

	@Test
	void aCountPastTheCapShowsTheCapAndSaysSo() {
		assertThat(CappedCount.of(CappedCount.CAP + 1)).isEqualTo(new CappedCount(CappedCount.CAP, true));
	}

	@Test
	void aHeadingCountStopsAtItsOwnCap() {
		assertThat(CappedCount.of(CappedCount.HEADING_CAP, CappedCount.HEADING_CAP))
			.isEqualTo(new CappedCount(CappedCount.HEADING_CAP, false));
		assertThat(CappedCount.of(CappedCount.HEADING_CAP + 1, CappedCount.HEADING_CAP))
			.isEqualTo(new CappedCount(CappedCount.HEADING_CAP, true));
	}

}
