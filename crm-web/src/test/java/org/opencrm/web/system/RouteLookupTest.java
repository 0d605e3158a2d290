package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencrm.web.system.RouteLookup.LiteralPrefixMapping;
import org.springframework.http.server.PathContainer;

/**
 * Which routes the look-up passes over ({@link RouteLookup}): only those whose leading
 * literal segments the decoded path lacks.
 */
class RouteLookupTest {

	@Test
	void aPatternsLeadingLiteralsStopAtTheFirstVariableOrWildcard() {
		assertThat(LiteralPrefixMapping.leadingLiterals("/marketing/segments/{id}/count")).containsExactly("marketing",
				"segments");
		assertThat(LiteralPrefixMapping.leadingLiterals("/accounts")).containsExactly("accounts");
		assertThat(LiteralPrefixMapping.leadingLiterals("/{id}")).isEmpty();
		assertThat(LiteralPrefixMapping.leadingLiterals("/")).isEmpty();
		assertThat(LiteralPrefixMapping.leadingLiterals("/webjars/**")).containsExactly("webjars");
		assertThat(LiteralPrefixMapping.leadingLiterals("/t/o/*")).containsExactly("t", "o");
		assertThat(LiteralPrefixMapping.leadingLiterals("/files/{name}.csv")).containsExactly("files");
	}

	@Test
	void aPathIsComparedByItsDecodedSegments() {
		String[] accounts = { "accounts" };
		assertThat(LiteralPrefixMapping.startsWith(path("/accounts/4"), accounts, true)).isTrue();
		assertThat(LiteralPrefixMapping.startsWith(path("/acc%6Funts/4"), accounts, true)).isTrue();
		assertThat(LiteralPrefixMapping.startsWith(path("/accounts;a=b/4"), accounts, true)).isTrue();
		assertThat(LiteralPrefixMapping.startsWith(path("/contacts/4"), accounts, true)).isFalse();
		assertThat(LiteralPrefixMapping.startsWith(path("/Accounts/4"), accounts, true)).isFalse();
		assertThat(LiteralPrefixMapping.startsWith(path("/Accounts/4"), accounts, false)).isTrue();
		assertThat(LiteralPrefixMapping.startsWith(path("/account"), accounts, true)).isFalse();
		String[] segments = { "marketing", "segments" };
		assertThat(LiteralPrefixMapping.startsWith(path("/marketing"), segments, true)).isFalse();
		assertThat(LiteralPrefixMapping.startsWith(path("/marketing/segments"), segments, true)).isTrue();
		assertThat(LiteralPrefixMapping.startsWith(path("/marketing/forms/1"), segments, true)).isFalse();
	}

	private static java.util.List<PathContainer.Element> path(String path) {
		return PathContainer.parsePath(path).elements();
	}

}
