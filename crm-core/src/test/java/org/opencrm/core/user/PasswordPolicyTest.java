package org.opencrm.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

	final PasswordPolicy policy = new PasswordPolicy();

	private String code(String username, String password) {
		return policy.problem(username, password).map(WeakPasswordException::code).orElse("ok");
	}

	@ParameterizedTest
	@CsvSource({ "pat, password, password.tooShort", "pat, Password123, password.common",
			"pat, QWERTYUIOP, password.common", "pat, 1q2w3e4r5t, password.common",
			"pat.seven, my-PAT.SEVEN-home, password.containsUsername", "sunnyside, sunnyside, password.tooShort",
			"sunnyside1, sunnyside1, password.containsUsername", "pat, short-9, password.tooShort",
			"pat, Password2026!, password.common", "pat, 2026dragon!!, password.common", "pat, kettle-harbour-17, ok",
			"pat, correct horse battery, ok" })
	void commonShortAndUsernamePasswordsAreRefusedWithTheirReason(String username, String password, String code) {
		assertThat(code(username, password)).isEqualTo(code);
	}

	@Test
	void theLimitIsSeventyTwoBytesOfUtf8NotCharacters() {
		assertThat(code("pat", "a".repeat(72))).isEqualTo("ok");
		assertThat(code("pat", "a".repeat(73))).isEqualTo("password.tooLong");
		// 37 two-byte letters: 37 characters, 74 bytes.
		assertThat(code("pat", "é".repeat(37))).isEqualTo("password.tooLong");
		assertThat(code("pat", "é".repeat(36))).isEqualTo("ok");
	}

	@Test
	void theShippedListHoldsTenThousandCommonPasswords() {
		assertThat(code("x", "manchester")).isEqualTo("password.common");
		assertThat(code("x", "iloveyou!!2026")).isEqualTo("password.common");
		assertThatThrownBy(() -> policy.check("x", "1234567890")).isInstanceOf(WeakPasswordException.class)
			.hasMessageContaining("common");
	}

}
