package org.opencrm.web.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A formatted value (a date, a time, a number as text) is glued to other text inside one
 * SpEL expression ({@code ${@fmt.date(d) + ' · ' + name}}), not with Thymeleaf's own
 * {@code +} ({@code ${@fmt.date(d)} + ' · ' + ${name}}). Thymeleaf's {@code +} first
 * tries its left side as a number when it starts with a digit or a sign: for
 * {@code "2026-12-08"} or {@code "2 × "} that is a {@code NumberFormatException} built
 * and thrown away, two on a typical account page, per request. SpEL's {@code +} glues the
 * same text without trying.
 */
class TemplateConcatenationTest {

	/**
	 * A formatting call or a number as text, closed and then glued with Thymeleaf's +.
	 */
	static final Pattern GLUED_FORMATTED = Pattern
		.compile("\\$\\{(?:@fmt\\.|#temporals\\.|#numbers\\.)[^}]*\\}\\s*\\+|toPlainString\\(\\)\\s*\\}\\s*\\+");

	@Test
	void formattedValuesAreGluedInsideOneExpression() throws IOException {
		List<String> problems = new ArrayList<>();
		int templates = 0;
		for (String dir : TemplateTextTest.TEMPLATE_DIRS) {
			try (Stream<Path> files = Files.walk(MessageKeysTest.ROOT.resolve(dir))) {
				for (Path file : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
					templates++;
					Matcher glued = GLUED_FORMATTED.matcher(Files.readString(file));
					while (glued.find()) {
						problems.add(MessageKeysTest.ROOT.relativize(file) + ": " + glued.group());
					}
				}
			}
		}
		assertThat(templates).as("templates scanned").isGreaterThan(100);
		assertThat(problems).as("formatted values glued with Thymeleaf's +").isEmpty();
	}

	@Test
	void theScanSeesThymeleafsPlusAfterAFormattedValue() {
		assertThat(GLUED_FORMATTED.matcher("${@fmt.dateTime(e.startsAt)} + ' ' + ${e.title}").find()).isTrue();
		assertThat(GLUED_FORMATTED.matcher("${p.quantity.stripTrailingZeros().toPlainString()} + ' × '").find())
			.isTrue();
		assertThat(GLUED_FORMATTED.matcher("${#temporals.format(t, 'HH:mm')} + '–'").find()).isTrue();
		assertThat(GLUED_FORMATTED.matcher("${@fmt.dateTime(e.startsAt) + ' ' + e.title}").find()).isFalse();
		assertThat(GLUED_FORMATTED.matcher("${d.stageName} + ' · ' + ${@fmt.money(d.amount, d.currency)}").find())
			.isFalse();
	}

}
