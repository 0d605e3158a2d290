package org.opencrm.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

	@Test
	void theDomainIsKeptLowerCaseAndTheLocalPartAsTyped() {
		assertThat(new EmailAddress("  Mia.Keller@Example.COM ").value()).isEqualTo("Mia.Keller@example.com");
		assertThat(new EmailAddress("Mia.Keller@Example.COM").domain()).isEqualTo("example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "plain", "no@dot", "two@@at.example", "a b@c.example", "a@b..example",
			"a@.example", "a@example.", "a@b.example, c@d.example", "Name <a@b.example>", "a;b@c.example" })
	void notAnAddressIsARuleOnTheEmailField(String text) {
		assertThat(EmailAddress.isValid(text)).isFalse();
		assertThatThrownBy(() -> new EmailAddress(text)).isInstanceOfSatisfying(RuleViolationException.class, ex -> {
			assertThat(ex.code()).isEqualTo("email.invalid");
			assertThat(ex.field()).isEqualTo("email");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "a@b.example", "first.last+tag@sub.domain.example", "o'brien@pub.example",
			"jürgen@müller.example" })
	void addressesPeopleHaveAreTaken(String text) {
		assertThat(EmailAddress.isValid(text)).isTrue();
		assertThat(new EmailAddress(text).value()).isEqualTo(text);
	}

	@Test
	void atMost254Characters() {
		String domain = "@" + "d".repeat(60) + ".example";
		String fits = "l".repeat(254 - domain.length()) + domain;
		assertThat(EmailAddress.isValid(fits)).isTrue();
		assertThat(EmailAddress.isValid("l" + fits)).isFalse();
	}

	@Test
	void anOptionalFieldLeftEmptyIsNoAddress() {
		assertThat(EmailAddress.ofNullable(" ")).isNull();
		assertThat(EmailAddress.normalise(null)).isNull();
		assertThat(EmailAddress.normalise("A@B.Example")).isEqualTo("A@b.example");
	}

	@Test
	void theBeanValidationTwinAppliesTheSameRuleAndLeavesBlankToNotBlank() {
		ValidEmail.Check check = new ValidEmail.Check();
		assertThat(check.isValid("a@b.example", null)).isTrue();
		assertThat(check.isValid("", null)).isTrue();
		assertThat(check.isValid(null, null)).isTrue();
		assertThat(check.isValid("no@dot", null)).isFalse();
	}

}
