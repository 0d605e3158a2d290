package org.opencrm.web.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Every text a Thymeleaf template shows comes from a message key: over every template of
 * every module (pages and mails), jsoup finds no word in a text node that stays on the
 * page (one whose element or an ancestor has no {@code th:text}, {@code th:replace} …
 * replacing it), in a shown attribute ({@code placeholder}, {@code title}, {@code alt},
 * {@code aria-label}, a button's {@code value}) without its {@code th:} twin, nor in a
 * string literal glued into a shown expression ({@code ${a} + ' words'}). Symbols and
 * numbers are not words; {@link #ALLOWED} lists the few words that are not language.
 */
class TemplateTextTest {

	static final List<String> TEMPLATE_DIRS = List.of("crm-web/src/main/resources/templates",
			"crm-core/src/main/resources/templates");

	/** Attributes that replace their element's content when rendered. */
	static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:errors");

	/**
	 * Attributes that replace the element by a fragment, except on {@code <html>}: a page
	 * hands its own parts to the layout ({@code layout(~{::title}, ~{::section})}).
	 */
	static final Set<String> FRAGMENTS = Set.of("th:replace", "th:insert", "th:include");

	static final Set<String> SHOWN = Set.of("placeholder", "title", "alt", "aria-label");

	static final Set<String> SHOWN_EXPRESSIONS = Set.of("th:text", "th:utext", "th:title", "th:placeholder",
			"th:aria-label", "th:alt");

	/**
	 * Words that are no language: a unit symbol, a time pattern handed to
	 * {@code #temporals}, mail header names (the sent-mail page shows headers as they
	 * travel), and the names printed on keys (the keyboard shortcuts' overlay).
	 */
	static final Set<String> ALLOWED = Set.of("KB", "HH:mm", "Message-ID", "List-Unsubscribe", "Esc", "Enter");

	static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

	/** A string literal glued to something with {@code +}. */
	static final Pattern GLUED = Pattern.compile("'([^']*)'\\s*\\+|\\+\\s*'([^']*)'");

	/** A message key or its prefix ({@code #{'role.' + ${r}}}), not words. */
	static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z][\\w-]*(\\.[\\w-]*)+");

	@Test
	void templatesShowNoTextOfTheirOwn() throws IOException {
		List<String> problems = new ArrayList<>();
		int templates = 0;
		for (String dir : TEMPLATE_DIRS) {
			try (Stream<Path> files = Files.walk(MessageKeysTest.ROOT.resolve(dir))) {
				for (Path file : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
					templates++;
					for (String problem : problems(Files.readString(file))) {
						problems.add(MessageKeysTest.ROOT.relativize(file) + ": " + problem);
					}
				}
			}
		}
		assertThat(templates).as("templates scanned").isGreaterThan(100);
		assertThat(problems).as("text in templates that no message key gives").isEmpty();
	}

	@Test
	void theScanSeesHardCodedWordsAndLetsKeysAndSymbolsPass() {
		assertThat(problems("<p>Save</p>")).containsExactly("text \"Save\"");
		assertThat(problems("<p th:text=\"#{a.save}\">Save</p><p>· – 12 %</p>")).isEmpty();
		assertThat(problems("<div th:replace=\"~{x}\"><b>Hello there</b></div>")).isEmpty();
		assertThat(problems("<html th:replace=\"~{layout}\"><body><p>Hello</p></body></html>"))
			.containsExactly("text \"Hello\"");
		assertThat(problems("<th:block th:remove=\"tag\">Hello</th:block>")).containsExactly("text \"Hello\"");
		assertThat(problems("<input placeholder=\"Search\">")).containsExactly("placeholder \"Search\"");
		assertThat(problems("<input placeholder=\"Search\" th:placeholder=\"#{s}\">")).isEmpty();
		assertThat(problems("<span th:text=\"${n} + ' items'\">1</span>")).containsExactly("literal \" items\"");
		assertThat(problems("<span th:text=\"${n} + ' KB'\">1</span>")).isEmpty();
		assertThat(problems("<span th:text=\"#{'role.' + ${r}}\">Admin</span>")).isEmpty();
	}

	static List<String> problems(String html) {
		List<String> problems = new ArrayList<>();
		visit(Jsoup.parse(html), false, problems);
		return problems;
	}

	private static void visit(Node node, boolean replaced, List<String> problems) {
		boolean gone = replaced;
		if (node instanceof Element element) {
			String tag = element.tagName();
			gone = replaced || tag.equals("script") || tag.equals("style")
					|| REPLACING.stream().anyMatch(element::hasAttr)
					|| (!tag.equals("html") && FRAGMENTS.stream().anyMatch(element::hasAttr))
					|| (element.hasAttr("th:remove") && !Set.of("tag", "none").contains(element.attr("th:remove")));
			if (!replaced) {
				attributes(element, problems);
			}
		}
		else if (node instanceof TextNode text && !replaced) {
			String words = text.text().strip();
			if (WORD.matcher(words).find() && !ALLOWED.contains(words)) {
				problems.add("text \"" + words + "\"");
			}
		}
		for (Node child : node.childNodes()) {
			visit(child, gone, problems);
		}
	}

	private static void attributes(Element element, List<String> problems) {
		for (Attribute attribute : element.attributes()) {
			String name = attribute.getKey();
			String value = attribute.getValue();
			boolean shown = SHOWN.contains(name) || (name.equals("value") && element.tagName().equals("input")
					&& Set.of("submit", "button").contains(element.attr("type")));
			if (shown && !element.hasAttr("th:" + name) && !element.hasAttr("th:attr") && WORD.matcher(value).find()
					&& !ALLOWED.contains(value.strip())) {
				problems.add(name + " \"" + value + "\"");
			}
			if (SHOWN_EXPRESSIONS.contains(name)) {
				Matcher glued = GLUED.matcher(value);
				while (glued.find()) {
					String literal = glued.group(1) != null ? glued.group(1) : glued.group(2);
					if (WORD.matcher(literal).find() && !ALLOWED.contains(literal.strip())
							&& !KEY_LIKE.matcher(literal).matches()) {
						problems.add("literal \"" + literal + "\"");
					}
				}
			}
		}
	}

}
