package org.opencrm.web.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.health.CustomerHealth;
import org.opencrm.core.health.RfmSegment;
import org.opencrm.core.notification.EmailDelivery;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.workflow.ActionType;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.task.Reminder;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.user.Role;
import org.opencrm.marketing.campaign.CampaignStatus;
import org.opencrm.marketing.campaign.CampaignType;
import org.opencrm.marketing.segment.SegmentKind;
import org.opencrm.marketing.sequence.StepKind;
import org.opencrm.sales.lead.LeadStatus;
import org.opencrm.sales.opportunity.OpportunityCommand;
import org.opencrm.sales.partner.PartnerType;
import org.opencrm.sales.shared.PeriodType;
import org.opencrm.service.appointment.AppointmentKind;
import org.opencrm.service.appointment.AppointmentStatus;
import org.opencrm.service.knowledge.ArticleStatus;
import org.opencrm.service.knowledge.ArticleVisibility;
import org.opencrm.service.mail.InboundStatus;
import org.opencrm.service.queue.QueueView;
import org.opencrm.service.ticket.ReturnStatus;
import org.opencrm.service.ticket.SlaState;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.service.tier.ServiceTier;
import org.opencrm.core.contact.ConsentSource;

/**
 * Every message key the templates and the Java sources name literally exists in the
 * message bundles (the union of the basenames in {@code spring.messages.basename}), and
 * no key is defined twice with different texts — the later file would silently win. A
 * missing key otherwise shows up only as {@code ??key_en??} on a page, or as the English
 * fallback of a rule violation.
 *
 * <p>
 * Dynamic keys ({@code #{'role.' + ${u.role}}}) can't be read off the source; for the
 * prefixes in {@link #ENUM_PREFIXES} every value of the enum must have its key. The other
 * dynamic prefixes are printed as not checked. Keys defined but never named literally are
 * printed too, but don't fail: most are reached through such dynamic prefixes.
 */
class MessageKeysTest {

	static final Path ROOT = repositoryRoot();
	static final Path RESOURCES = ROOT.resolve("crm-web/src/main/resources");

	/**
	 * Dynamic key prefixes whose suffix is an enum's {@code name()}, reviewed by hand.
	 */
	static final Map<String, Class<? extends Enum<?>>> ENUM_PREFIXES = Map.ofEntries(entry("role.", Role.class),
			entry("stage.", LifecycleStage.class), entry("lead.status.", LeadStatus.class),
			entry("partner.type.", PartnerType.class), entry("segment.kind.", SegmentKind.class),
			entry("mkt.campaign.status.", CampaignStatus.class), entry("mkt.campaign.type.", CampaignType.class),
			entry("ticket.status.", TicketStatus.class), entry("ticket.type.", TicketType.class),
			entry("ticket.priority.", TicketPriority.class), entry("ticket.channel.", TicketChannel.class),
			entry("ticket.return.", ReturnStatus.class), entry("sla.state.", SlaState.class),
			entry("queue.view.", QueueView.class), entry("tier.", ServiceTier.class),
			entry("kb.status.", ArticleStatus.class), entry("kb.visibility.", ArticleVisibility.class),
			entry("appointment.status.", AppointmentStatus.class), entry("appointment.kind.", AppointmentKind.class),
			entry("mail.inbound.status.", InboundStatus.class), entry("kind.", InteractionKind.class),
			entry("task.reminder.", Reminder.class), entry("health.band.", CustomerHealth.Band.class),
			entry("health.rfm.", RfmSegment.class), entry("period.", PeriodType.class),
			entry("opportunity.channel.", OpportunityCommand.SalesChannel.class),
			entry("forecastCategory.", OpportunityCommand.ForecastCategory.class),
			entry("mkt.stepKind.", StepKind.class), entry("consent.source.", ConsentSource.class),
			entry("notification.kind.", NotificationKind.class), entry("notification.delivery.", EmailDelivery.class),
			entry("workflow.trigger.", TriggerKind.class), entry("workflow.action.", ActionType.class));

	/**
	 * {@code #{…}} up to the first brace: enough to tell a literal key from an
	 * expression.
	 */
	static final Pattern TEMPLATE_MESSAGE = Pattern.compile("#\\{([^}]*)}");
	static final Pattern LITERAL_KEY = Pattern.compile("([A-Za-z][\\w.-]*)\\s*(\\(.*)?");
	static final Pattern DYNAMIC_PREFIX = Pattern.compile("'([\\w.-]+)'\\s*\\+.*");

	/** Java calls whose key argument is a string literal (group 1). */
	static final List<Pattern> JAVA_KEYS = List.of(Pattern.compile("\\brejectValue\\(\\s*\"[^\"]*\",\\s*\"([^\"]+)\""),
			Pattern.compile("\\breject\\(\\s*\"([^\"]+)\""), Pattern.compile("\"(flash\\.[\\w.-]+)\""),
			Pattern.compile("(?:RuleViolation|WeakPassword)Exception\\(\\s*\"([^\"]+)\""),
			Pattern.compile("\\bonField\\(\\s*\"[^\"]*\",\\s*\"([^\"]+)\""),
			Pattern.compile("\\bgetMessage\\(\\s*\"([^\"]+)\"\\s*,"),
			Pattern.compile("\\bmessage\\s*=\\s*\"\\{([^}\"]+)}\""),
			// Timeline lines are stored as keys and rendered when read: each must exist.
			Pattern.compile("\\bTimelineText\\.(?:of|label)\\(\\s*\"([^\"]*[^\".])\""));

	/**
	 * A flash statement, e.g.
	 * {@code addFlashAttribute("flash", ok ? "a.done" : "a.failed");}.
	 */
	static final Pattern FLASH_STATEMENT = Pattern.compile("addFlashAttribute\\(([^;]*);");
	static final Pattern KEY_LITERAL = Pattern.compile("\"((?!org\\.)[a-z][\\w-]*(?:\\.[\\w-]+)+)\"");

	/**
	 * A key built in Java, e.g. {@code "segment.problem." + code}: only informs the
	 * unused-key report.
	 */
	static final Pattern JAVA_PREFIX = Pattern.compile("\"([a-z][\\w-]*(?:\\.[\\w-]+)*\\.)\"\\s*\\+");

	/**
	 * Codes Spring's DefaultMessageCodesResolver tries by convention: NotBlank.name,
	 * typeMismatch.x.
	 */
	static final Pattern CONVENTIONAL_CODE = Pattern.compile("[A-Z]\\w*(\\..*)?|typeMismatch(\\..*)?");

	static Map<String, List<Definition>> definitions;

	/** key → the files (relative to the repository) that name it. */
	static final Map<String, Set<String>> used = new TreeMap<>();
	static final Map<String, Set<String>> dynamicPrefixes = new TreeMap<>();
	static final Set<String> javaPrefixes = new TreeSet<>();

	record Definition(String file, int line, String text) {
	}

	@BeforeAll
	static void scan() throws IOException {
		definitions = new TreeMap<>();
		for (String basename : basenames()) {
			Path file = RESOURCES.resolve(basename + ".properties");
			assertThat(file).as("bundle of basename %s", basename).exists();
			parse(file, definitions);
		}
		try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
			for (Path t : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
				scanTemplate(t);
			}
		}
		for (String module : List.of("crm-core", "crm-sales", "crm-marketing", "crm-service", "crm-web")) {
			try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
				for (Path s : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
					String java = Files.readString(s);
					Matcher flash = FLASH_STATEMENT.matcher(java);
					while (flash.find()) {
						Matcher key = KEY_LITERAL.matcher(flash.group(1));
						while (key.find()) {
							use(key.group(1), s);
						}
					}
					Matcher prefix = JAVA_PREFIX.matcher(java);
					while (prefix.find()) {
						javaPrefixes.add(prefix.group(1));
					}
					for (Pattern p : JAVA_KEYS) {
						Matcher m = p.matcher(java);
						while (m.find()) {
							use(m.group(1), s);
						}
					}
				}
			}
		}
	}

	@Test
	void everyLiteralKeyExistsInTheBundles() {
		Map<String, Set<String>> missing = new TreeMap<>(used);
		missing.keySet().removeAll(definitions.keySet());
		assertThat(missing).withFailMessage("message keys used but defined in no bundle:%n%s", describe(missing))
			.isEmpty();
	}

	@Test
	void everyValueOfAnEnumBasedDynamicKeyHasItsText() {
		List<String> missing = new ArrayList<>();
		ENUM_PREFIXES.forEach((prefix, type) -> {
			for (Enum<?> value : type.getEnumConstants()) {
				if (!definitions.containsKey(prefix + value.name())) {
					missing.add(prefix + value.name() + " (used in " + dynamicPrefixes.get(prefix) + ")");
				}
			}
		});
		assertThat(missing).as("enum values without a text").isEmpty();
		assertThat(dynamicPrefixes).as("every enum prefix reviewed here is still used")
			.containsKeys(ENUM_PREFIXES.keySet().toArray(String[]::new));
		Set<String> unchecked = new TreeSet<>(dynamicPrefixes.keySet());
		unchecked.removeAll(ENUM_PREFIXES.keySet());
		System.out.println("MessageKeysTest: dynamic key prefixes not checked: " + unchecked);
	}

	@Test
	void noKeyIsDefinedTwiceWithDifferentTexts() {
		Map<String, List<Definition>> conflicting = new TreeMap<>();
		definitions.forEach((key, defs) -> {
			if (defs.stream().map(Definition::text).distinct().count() > 1) {
				conflicting.put(key, defs);
			}
		});
		assertThat(conflicting).as("keys defined more than once with different texts").isEmpty();
	}

	@Test
	void noKeyIsDefinedTwice() {
		Map<String, List<Definition>> twice = new TreeMap<>();
		definitions.forEach((key, defs) -> {
			if (defs.size() > 1) {
				twice.put(key, defs);
			}
		});
		assertThat(twice).as("keys defined more than once (keep one)").isEmpty();
	}

	/**
	 * Information only: a key reached through a dynamic prefix is not named literally
	 * anywhere.
	 */
	@Test
	void reportsKeysNeverNamedLiterally() {
		List<String> unused = definitions.keySet()
			.stream()
			.filter(k -> !used.containsKey(k))
			.filter(k -> !CONVENTIONAL_CODE.matcher(k).matches())
			.filter(k -> dynamicPrefixes.keySet().stream().noneMatch(k::startsWith))
			.filter(k -> javaPrefixes.stream().noneMatch(k::startsWith))
			.toList();
		System.out.println("MessageKeysTest: " + unused.size()
				+ " keys defined but not named literally, not under a dynamic prefix and not a validation code: "
				+ unused);
	}

	static void scanTemplate(Path template) throws IOException {
		Matcher m = TEMPLATE_MESSAGE.matcher(Files.readString(template));
		while (m.find()) {
			String expression = m.group(1).strip();
			Matcher literal = LITERAL_KEY.matcher(expression);
			Matcher dynamic = DYNAMIC_PREFIX.matcher(expression);
			if (literal.matches()) {
				use(literal.group(1), template);
			}
			else if (dynamic.matches()) {
				dynamicPrefixes.computeIfAbsent(dynamic.group(1), k -> new TreeSet<>())
					.add(ROOT.relativize(template).toString());
			}
			// else a key computed whole, e.g. #{${report.titleCode()}}: nothing to check
			// statically
		}
	}

	static void use(String key, Path file) {
		used.computeIfAbsent(key, k -> new TreeSet<>()).add(ROOT.relativize(file).toString());
	}

	static List<String> basenames() throws IOException {
		Properties app = new Properties();
		try (var in = Files.newBufferedReader(RESOURCES.resolve("application.properties"))) {
			app.load(in);
		}
		return Stream.of(app.getProperty("spring.messages.basename").split(",")).map(String::strip).toList();
	}

	/**
	 * Reads a bundle line by line ({@link Properties} would keep only the last of a
	 * duplicate), each entry's text decoded by {@link Properties} so escapes and
	 * continuations compare as they load.
	 */
	static void parse(Path file, Map<String, List<Definition>> into) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		for (int i = 0; i < lines.size(); i++) {
			int first = i;
			StringBuilder entry = new StringBuilder(lines.get(i));
			while (endsWithContinuation(lines.get(i)) && i + 1 < lines.size()) {
				entry.append('\n').append(lines.get(++i));
			}
			String trimmed = entry.toString().stripLeading();
			if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
				continue;
			}
			Properties one = new Properties();
			one.load(new java.io.StringReader(entry.toString()));
			one.forEach((k, v) -> into.computeIfAbsent((String) k, x -> new ArrayList<>())
				.add(new Definition(file.getFileName().toString(), first + 1, (String) v)));
		}
	}

	static boolean endsWithContinuation(String line) {
		int backslashes = 0;
		for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
			backslashes++;
		}
		return backslashes % 2 == 1;
	}

	static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("crm-web/src/main/resources/application.properties"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new UncheckedIOException(new IOException("repository root not found above " + Path.of("")));
		}
		return dir;
	}

	static String describe(Map<String, ?> keys) {
		return keys.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n"));
	}

}
