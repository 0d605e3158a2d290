package org.opencrm.web.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the journeys' rough-text check finds in a page's text, without a browser. */
class PageTextTest {

	@Test
	void rawDayAndMonthNamesAreRoughTextTheirLabelsAreNot() {
		assertThat(PageText.problems("MONDAY\t09:00\t17:00\nOpens in MARCH")).hasSize(2)
			.anySatisfy(p -> assertThat(p).startsWith("raw code MONDAY"))
			.anySatisfy(p -> assertThat(p).startsWith("raw code MARCH"));
		assertThat(PageText.problems("Monday\t09:00\t17:00\nMontag\nOpens in March")).isEmpty();
	}

	@Test
	void rawCodesOfTheApplicationsEnumsAndMissingMessagesAreFound() {
		assertThat(PageText.problems("Status: PENDING_CUSTOMER")).singleElement()
			.satisfies(p -> assertThat(p).startsWith("raw code PENDING_CUSTOMER"));
		assertThat(PageText.problems("??ticket.status.OPEN??")).isNotEmpty();
		assertThat(PageText.problems("€12,000.00 · EUR · CSV")).isEmpty();
	}

}
