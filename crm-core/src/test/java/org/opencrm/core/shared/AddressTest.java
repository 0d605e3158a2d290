package org.opencrm.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {

	@Test
	void theCountryIsKeptAsItsIsoCodeWhetherTypedAsCodeOrName() {
		assertThat(new Address(null, null, null, "de").country()).isEqualTo("Germany");
		assertThat(new Address(null, null, null, "Germany").country()).isEqualTo("Germany");
		assertThat(new Address(null, null, null, "deutschland").country()).isEqualTo("Germany");
		assertThat(new Address(null, null, null, "FRA").country()).isEqualTo("France");
		assertThat(new Address(null, null, null, "UK").country()).isEqualTo("United Kingdom");
	}

	@Test
	void anUnknownCountryIsARuleOnTheCountryField() {
		assertThatThrownBy(() -> new Address("Main St 1", "10115", "Berlin", "Atlantis"))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
				assertThat(ex.code()).isEqualTo("address.country.unknown");
				assertThat(ex.field()).isEqualTo("country");
			});
		assertThat(new ValidCountry.Check().isValid("Atlantis", null)).isFalse();
		assertThat(new ValidCountry.Check().isValid("ch", null)).isTrue();
		assertThat(new ValidCountry.Check().isValid(" ", null)).isTrue();
	}

	@Test
	void partsAreTrimmedBlankPartsAreNullAndEachFitsItsColumn() {
		Address address = new Address("  Main St 1 ", " ", "Berlin", null);
		assertThat(address.street()).isEqualTo("Main St 1");
		assertThat(address.postalCode()).isNull();
		assertThat(address.isEmpty()).isFalse();
		assertThat(new Address(" ", null, "", null).isEmpty()).isTrue();
		assertThatThrownBy(() -> new Address(null, "1".repeat(Address.POSTAL_CODE_MAX + 1), null, null))
			.isInstanceOfSatisfying(RuleViolationException.class, ex -> {
				assertThat(ex.code()).isEqualTo("address.tooLong");
				assertThat(ex.field()).isEqualTo("postalCode");
			});
	}

	@Test
	void addressesWithTheSamePartsAreEqual() {
		assertThat(new Address("A", "1", "B", "de")).isEqualTo(new Address("A", "1", "B", "DE"))
			.hasSameHashCodeAs(new Address("A", "1", "B", "Germany"));
	}

}
