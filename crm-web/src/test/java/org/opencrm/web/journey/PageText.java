package org.opencrm.web.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.LoadState;
import java.time.DayOfWeek;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Rough text a user must never read, looked for in what a page shows (its rendered text,
 * not its markup): a literal {@code null}, an unmerged {@code {{field}}}, a missing
 * message ({@code ??key??}) and a raw code of one of the application's enums (an ALL_CAPS
 * word such as {@code CHAMPIONS} or {@code PENDING_CUSTOMER} instead of its label) or of
 * the {@code java.time} enums pages name by locale ({@code MONDAY}, {@code MARCH}). Every
 * journey page visit goes through {@link #assertClean(Page)}.
 */
final class PageText {

	/**
	 * Codes that are also ordinary words or abbreviations on a page (a currency, a file
	 * type), never flagged.
	 */
	private static final Set<String> ALLOWED = Set.of("EUR", "USD", "GBP", "CHF", "CSV", "PDF", "API", "SLA", "CRM",
			"CSAT", "RFM", "MQL", "SQL", "SMTP", "IMAP", "URL", "HTML", "JSON", "ID", "OK", "UTC", "TOTP", "FAQ", "KB",
			"AND", "OR", "NOT");

	/**
	 * The names of every constant of every enum under {@code org.opencrm}, and of the
	 * days and months.
	 */
	static final Set<String> ENUM_CODES = enumCodes();

	private static final Pattern CAPS_WORD = Pattern
		.compile("(?<![\\p{L}\\p{N}_-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?![\\p{L}\\p{N}_-])");

	private static final Pattern NULL_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_])null(?![\\p{L}\\p{N}_])");

	private static final Pattern MISSING_MESSAGE = Pattern.compile("\\?\\?[^?\\s]+\\?\\?");

	/**
	 * The page's rendered text, less what is shown as written on purpose: a template's or
	 * canned reply's source with its merge fields, marked {@code data-template-source}.
	 */
	static final String VISIBLE_TEXT = """
			() => {
			  if (!document.body) return '';
			  let text = document.body.innerText;
			  for (const source of document.querySelectorAll('[data-template-source]')) {
			    for (const line of source.innerText.split('\\n')) {
			      if (line.trim()) text = text.replace(line, '');
			    }
			  }
			  return text;
			}""";

	private PageText() {
	}

	/**
	 * Fails when the page, as loaded now, shows rough text; says which and where (the
	 * line of the page's text it sits in).
	 */
	static void assertClean(Page page) {
		page.waitForLoadState(LoadState.LOAD);
		String text = (String) page.evaluate(VISIBLE_TEXT);
		assertThat(problems(text)).as("rough text on %s", page.url()).isEmpty();
	}

	/**
	 * Checks every page the browser loads from now on (links followed, forms sent,
	 * redirects), adding what it finds to {@code found}, which the journey asserts empty
	 * at its end; pages changed by htmx in place are checked with
	 * {@link #assertClean(Page)}.
	 */
	static void watch(Page page, List<String> found) {
		page.onLoad(loaded -> {
			try {
				String text = (String) loaded.evaluate(VISIBLE_TEXT);
				problems(text).forEach(p -> found.add(loaded.url() + ": " + p));
			}
			catch (PlaywrightException ex) {
				// navigated on before it could be read: the next page is checked instead
			}
		});
	}

	/** The rough spots of a page's text, each with the line it is on. */
	static List<String> problems(String text) {
		List<String> found = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (NULL_WORD.matcher(line).find()) {
				found.add("literal null in: " + line.strip());
			}
			if (line.contains("{{")) {
				found.add("unmerged {{ in: " + line.strip());
			}
			if (MISSING_MESSAGE.matcher(line).find()) {
				found.add("missing message in: " + line.strip());
			}
			Matcher caps = CAPS_WORD.matcher(line);
			while (caps.find()) {
				String word = caps.group();
				if (word.length() > 1 && !ALLOWED.contains(word) && ENUM_CODES.contains(word)) {
					found.add("raw code " + word + " in: " + line.strip());
				}
			}
		}
		return found;
	}

	private static Set<String> enumCodes() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return true;
			}
		};
		scanner.addIncludeFilter(new AssignableTypeFilter(Enum.class));
		Set<String> codes = new TreeSet<>();
		Arrays.stream(DayOfWeek.values()).map(Enum::name).forEach(codes::add);
		Arrays.stream(Month.values()).map(Enum::name).forEach(codes::add);
		for (BeanDefinition definition : scanner.findCandidateComponents("org.opencrm")) {
			try {
				Class<?> type = ClassUtils.forName(definition.getBeanClassName(), PageText.class.getClassLoader());
				if (type.isEnum()) {
					Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).forEach(codes::add);
				}
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// not loadable here: its codes are not checked
			}
		}
		return codes;
	}

}
