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
 * Mails the application writes take their subject and text from a template with message
 * keys ({@code MailTemplates}), never from English in Java: no Java source builds a
 * {@code RenderedMail}, sets a subject or a text from a string literal with a word in it.
 * (Marketing mails are the marketer's own words, typed into a template.)
 */
class MailTextsTest {

	/** A mail built from a literal: group 1 is the literal. */
	static final List<Pattern> BUILT = List.of(Pattern.compile("new RenderedMail\\(\\s*\"([^\"]*)\""),
			Pattern.compile("\\bsetSubject\\(\\s*\"([^\"]*)\""), Pattern.compile("\\bsetText\\(\\s*\"([^\"]*)\""),
			Pattern.compile("withHeader\\(\\s*\"Subject\"\\s*,\\s*\"([^\"]*)\""));

	static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

	@Test
	void noJavaSourceWritesTheWordsOfAMail() throws IOException {
		List<String> found = new ArrayList<>();
		for (String module : MessageBundlesTest.MODULES) {
			try (Stream<Path> sources = Files.walk(MessageKeysTest.ROOT.resolve(module).resolve("src/main/java"))) {
				for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
					for (String literal : literals(Files.readString(source))) {
						found.add(MessageKeysTest.ROOT.relativize(source) + ": \"" + literal + "\"");
					}
				}
			}
		}
		assertThat(found).as("mail subjects or texts written in Java").isEmpty();
	}

	@Test
	void theScanSeesAMailBuiltFromEnglish() {
		assertThat(literals("mail.withContent(new RenderedMail(\"[TEST] \" + subject, html, text));"))
			.containsExactly("[TEST] ");
		assertThat(literals("helper.setSubject(\"Your invoice\");")).containsExactly("Your invoice");
		assertThat(literals("helper.setSubject(parts.subject());")).isEmpty();
		assertThat(literals("new RenderedMail(doc.title(), html, text)")).isEmpty();
	}

	static List<String> literals(String java) {
		List<String> found = new ArrayList<>();
		for (Pattern p : BUILT) {
			Matcher m = p.matcher(java);
			while (m.find()) {
				if (WORD.matcher(m.group(1)).find()) {
					found.add(m.group(1));
				}
			}
		}
		return found;
	}

}
