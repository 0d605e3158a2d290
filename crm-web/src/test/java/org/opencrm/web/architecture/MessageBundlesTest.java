package org.opencrm.web.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * English and German are complete in every module: each bundle
 * ({@code messages*.properties} under any module's {@code src/main/resources}) has its
 * {@code _de} twin with exactly the same keys, and a German text is not the English one
 * copied, beyond the words both languages share ({@link #SAME_IN_BOTH}).
 */
class MessageBundlesTest {

	static final List<String> MODULES = List.of("crm-core", "crm-sales", "crm-marketing", "crm-service", "crm-web");

	/**
	 * Texts that are the same in English and German, reviewed: names of languages as they
	 * call themselves, words German took over (Team, Status, Manager, Service, Admin —
	 * the navigation's short area names), abbreviations, and formats without words.
	 * Anything else the same in both is an untranslated copy.
	 */
	static final Set<String> SAME_IN_BOTH = Set.of("English", "Deutsch", "OpenCRM", "API", "CSV", "HTML", "ID", "MQL",
			"SLA", "Board", "Budget", "Distributor", "Domain", "Gold", "Lead", "Leads", "Mail", "Manager", "Marketing",
			"Name", "Neutral", "\uD83D\uDE10 Neutral", "Normal", "Online", "Partner", "Pipeline", "Pipelines", "Portal",
			"Score", "Scoring", "Segment", "Service", "Admin", "Standard", "Status", "Support", "System", "Team",
			"Teams", "Text", "Ticket", "Tickets", "Webinar", "Website", "Workflows", "Deal", "Ticket (optional)",
			"Problem: {0}", "Ticket {0}: {1} \u2192 {2}");

	/**
	 * Texts without a word (patterns, symbols, a lone placeholder) may be the same too.
	 */
	static final Pattern NO_WORD = Pattern.compile("[^\\p{L}]*|[^\\p{L}]*\\{\\d}[^\\p{L}]*|[yMdHhmsaz.:/\\- ]+");

	@Test
	void everyBundleHasItsGermanTwinWithTheSameKeys() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path english : englishBundles()) {
			problems.addAll(keyProblems(english));
		}
		assertThat(problems).as("keys missing in one language").isEmpty();
	}

	@Test
	void germanTextsAreNotEnglishCopies() throws IOException {
		List<String> copies = new ArrayList<>();
		for (Path english : englishBundles()) {
			copies.addAll(copies(english));
		}
		assertThat(copies).as("German texts identical to the English (translate, or add to SAME_IN_BOTH)").isEmpty();
	}

	@Test
	void theChecksSeeAMissingKeyAnUntranslatedCopyAndAMissingTwin() throws IOException {
		Path dir = Files.createTempDirectory("bundles");
		Path english = dir.resolve("messages.properties");
		Files.writeString(english, "a.one=One\na.two=Save the record\na.team=Team\na.pair={0} / {1}\n");
		Files.writeString(dir.resolve("messages_de.properties"),
				"a.one=Eins\na.two=Save the record\na.team=Team\na.pair={0} / {1}\na.extra=Extra\n");
		assertThat(keyProblems(english)).containsExactly("messages.properties lacks [a.extra]");
		assertThat(copies(english)).containsExactly("messages_de.properties a.two=Save the record");
		Path alone = dir.resolve("messages-alone.properties");
		Files.writeString(alone, "b.one=One\n");
		assertThat(keyProblems(alone)).containsExactly("messages-alone.properties has no German twin");
	}

	/** Keys one of the pair lacks, or the missing German twin. */
	static List<String> keyProblems(Path english) throws IOException {
		Path german = twin(english);
		if (!Files.exists(german)) {
			return List.of(name(english) + " has no German twin");
		}
		Set<String> en = load(english).stringPropertyNames();
		Set<String> de = load(german).stringPropertyNames();
		List<String> problems = new ArrayList<>();
		Set<String> onlyEnglish = new TreeSet<>(en);
		onlyEnglish.removeAll(de);
		Set<String> onlyGerman = new TreeSet<>(de);
		onlyGerman.removeAll(en);
		if (!onlyEnglish.isEmpty()) {
			problems.add(name(german) + " lacks " + onlyEnglish);
		}
		if (!onlyGerman.isEmpty()) {
			problems.add(name(english) + " lacks " + onlyGerman);
		}
		return problems;
	}

	/** German texts that are the English ones, beyond {@link #SAME_IN_BOTH}. */
	static List<String> copies(Path english) throws IOException {
		Path german = twin(english);
		if (!Files.exists(german)) {
			return List.of();
		}
		Properties en = load(english);
		Properties de = load(german);
		List<String> copies = new ArrayList<>();
		for (String key : new TreeSet<>(en.stringPropertyNames())) {
			String text = en.getProperty(key).strip();
			if (text.equals(de.getProperty(key, "").strip()) && !SAME_IN_BOTH.contains(text)
					&& !NO_WORD.matcher(text).matches()) {
				copies.add(name(german) + " " + key + "=" + text);
			}
		}
		return copies;
	}

	static Path twin(Path english) {
		return english.resolveSibling(english.getFileName().toString().replace(".properties", "_de.properties"));
	}

	static String name(Path file) {
		return file.startsWith(MessageKeysTest.ROOT) ? MessageKeysTest.ROOT.relativize(file).toString()
				: file.getFileName().toString();
	}

	static List<Path> englishBundles() throws IOException {
		List<Path> bundles = new ArrayList<>();
		for (String module : MODULES) {
			Path resources = MessageKeysTest.ROOT.resolve(module).resolve("src/main/resources");
			if (!Files.isDirectory(resources)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(resources)) {
				files.filter(p -> p.getFileName().toString().matches("messages(-[a-z]+)?\\.properties"))
					.sorted()
					.forEach(bundles::add);
			}
		}
		assertThat(bundles).as("bundles found").hasSizeGreaterThan(5);
		return bundles;
	}

	static Properties load(Path file) throws IOException {
		Properties p = new Properties();
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}

}
