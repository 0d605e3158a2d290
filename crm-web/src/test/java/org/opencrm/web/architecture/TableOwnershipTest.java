package org.opencrm.web.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Never write SQL to a table another module or an entity owns; call its service." Every
 * {@code insert into}, {@code update} and {@code delete from} in the string literals and
 * text blocks of the five modules' main sources names a table (one the migrations
 * create), and each table may be written only by the feature package that owns it:
 * {@link #OWNER}, reviewed by hand, plus the few {@link #SHARED} exceptions, each with
 * its reason. A table an {@code @Entity} maps is owned by the entity's package, so a
 * write elsewhere skips its version and audit trail.
 *
 * <p>
 * Demo seeders ({@code *DemoData.java}) are exempt: they fill a fresh database once,
 * before anyone edits anything, in bulk SQL so the first start takes seconds.
 */
class TableOwnershipTest {

	/**
	 * The table → the feature package (under {@code org.opencrm.}) whose SQL may write
	 * it.
	 */
	static final Map<String, String> OWNER = Map.ofEntries(
			// core
			entry("accounts", "core.account"), entry("contacts", "core.contact"),
			entry("contact_duplicate_dismissals", "core.contact"), entry("users", "core.user"),
			entry("teams", "core.user"), entry("tasks", "core.task"), entry("interactions", "core.timeline"),
			entry("audit_log", "core.audit"), entry("app_secrets", "core.signing"),
			entry("saved_reports", "core.report"), entry("customer_health", "core.health"),
			entry("customer_health_changes", "core.health"), entry("customer_health_jobs", "core.health"),
			entry("mail_outbox", "core.mail"), entry("job_leases", "core.delivery"),
			entry("contact_consents", "core.contact"), entry("event_publication", "core.delivery"),
			entry("event_receipts", "core.delivery"), entry("saved_views", "core.view"),
			entry("imports", "core.imports"), entry("import_chunks", "core.imports"),
			entry("import_log", "core.imports"), entry("import_rejects", "core.imports"),
			entry("notifications", "core.notification"), entry("notification_preferences", "core.notification"),
			entry("workflow_rules", "core.workflow"), entry("workflow_runs", "core.workflow"),
			entry("workflow_webhooks", "core.workflow"), entry("duplicate_candidates", "core.dedupe"),
			entry("duplicate_scans", "core.dedupe"), entry("merged_records", "core.dedupe"),
			entry("account_duplicate_dismissals", "core.account"), entry("account_owner_moves", "core.account"),
			// written only by the triggers on contacts (V202612071100)
			entry("search_words", "core.search"), entry("contact_search_words", "core.search"),
			// written only by the triggers on accounts (V202612071900)
			entry("account_words", "core.search"), entry("account_search_words", "core.search"),
			// sales
			entry("leads", "sales.lead"), entry("lead_activities", "sales.lead"),
			entry("lead_assignment_rules", "sales.lead"), entry("lead_duplicate_dismissals", "sales.lead"),
			entry("opportunities", "sales.opportunity"), entry("opportunity_line_items", "sales.opportunity"),
			entry("opportunity_stage_history", "sales.opportunity"),
			entry("opportunity_stage_totals", "sales.opportunity"), entry("pipelines", "sales.pipeline"),
			entry("pipeline_stages", "sales.pipeline"), entry("products", "sales.product"),
			entry("partners", "sales.partner"), entry("quotas", "sales.quota"),
			entry("product_affinity", "sales.crosssell"), entry("product_buyers", "sales.crosssell"),
			entry("sales_after_sale_schedules", "sales.aftersale"), entry("sales_settings", "sales.settings"),
			// written only by the triggers on opportunities (V202612070941)
			entry("opportunity_closed_stats", "sales.shared"),
			// written only by the triggers on opportunities and users (V202612072300)
			entry("opportunity_closed_team_stats", "sales.shared"),
			// written only by the triggers on opportunities (V202612071000,
			// V202612071001)
			entry("opportunity_open_forecast", "sales.forecast"), entry("opportunity_closed_mix", "sales.shared"),
			// written only by the triggers on opportunities (V202612071302)
			entry("account_deal_totals", "sales.customer"),
			// written only by the triggers on opportunities and opportunity_line_items
			// (V202612071800)
			entry("account_products", "sales.crosssell"),
			// written only by the triggers on opportunities and accounts (V202612071950)
			entry("deal_words", "sales.opportunity"), entry("deal_search_words", "sales.opportunity"),
			// written only by the triggers on leads (V202612080100)
			entry("lead_words", "sales.lead"), entry("lead_search_words", "sales.lead"),
			// marketing
			entry("segments", "marketing.segment"), entry("segment_members", "marketing.segment"),
			entry("lead_forms", "marketing.form"), entry("form_submissions", "marketing.form"),
			entry("form_rate_hits", "marketing.form"), entry("scoring_rules", "marketing.scoring"),
			entry("scoring_settings", "marketing.scoring"), entry("scored_leads", "marketing.scoring"),
			entry("engagements", "marketing.scoring"), entry("marketing_job_claims", "marketing.scoring"),
			entry("email_templates", "marketing.template"), entry("campaigns", "marketing.campaign"),
			entry("campaign_leads", "marketing.campaign"), entry("campaign_attributions", "marketing.campaign"),
			entry("sequences", "marketing.sequence"), entry("sequence_steps", "marketing.sequence"),
			entry("sequence_enrolments", "marketing.sequence"), entry("email_sends", "marketing.send"),
			entry("email_suppressions", "marketing.send"),
			// written only by the triggers on email_sends (V202612070880)
			entry("campaign_send_stats", "marketing.send"),
			// written only by the triggers on email_sends (V202612070900), as is
			// email_sends.account_id (also by marketing's trigger on contacts)
			entry("account_email_stats", "marketing.send"),
			// service
			entry("tickets", "service.ticket"), entry("ticket_messages", "service.ticket"),
			entry("ticket_attachments", "service.ticket"), entry("sla_policies", "service.sla"),
			entry("sla_events", "service.sla"), entry("business_calendars", "service.sla"),
			entry("business_hours", "service.sla"), entry("business_holidays", "service.sla"),
			entry("service_queues", "service.queue"), entry("service_queue_members", "service.queue"),
			entry("routing_rules", "service.routing"), entry("canned_replies", "service.canned"),
			entry("account_service_tiers", "service.tier"), entry("kb_articles", "service.knowledge"),
			entry("kb_categories", "service.knowledge"), entry("service_appointments", "service.appointment"),
			entry("service_appointment_series", "service.appointment"), entry("csat_surveys", "service.csat"),
			entry("inbound_emails", "service.mail"), entry("mail_poll_leases", "service.mail"),
			entry("portal_verifications", "service.portal"),
			// written only by the triggers on tickets, accounts and users (V202612070940)
			entry("ticket_day_stats", "service.insight"), entry("ticket_open_totals", "service.insight"),
			// written only by those triggers (V202612071200) and by the triggers on
			// csat_surveys, accounts and users (V202612071201)
			entry("ticket_sla_pending", "service.insight"), entry("csat_day_stats", "service.insight"),
			// written only by the triggers on tickets, accounts and users (V202612071801)
			entry("ticket_sla_pending_minutes", "service.insight"),
			// written only by the triggers on tickets (V202612071300)
			entry("account_ticket_stats", "service.ticket"),
			// web: sign-in records of the application itself
			entry("login_throttle", "core.user"), entry("setup_token", "web.setup"),
			entry("setup_checklist", "web.setup"), entry("user_second_factors", "web.security.totp"),
			entry("user_recovery_codes", "web.security.totp"), entry("api_tokens", "web.api.token"),
			entry("api_rate", "web.api.rate"));

	/** Another package of the same module that may write a table too, and why. */
	record Shared(String table, String writer, String reason) {
	}

	static final List<Shared> SHARED = List.of(
			new Shared("contacts", "core.timeline", "only last_activity_at, which the Contact entity doesn't map:"
					+ " no form can write it back, so it needs no version; a campaign writes it once per mail sent"),
			new Shared("email_sends", "marketing.campaign", "a campaign materialises its recipients as sends in one"
					+ " statement (then queued in core's outbox through SendQueue), and fails the waiting ones on cancel"),
			new Shared("email_sends", "marketing.sequence", "a sequence's e-mail step writes its send"),
			new Shared("email_sends", "marketing.tracking",
					"opens, clicks and unsubscribes are stamped on the sent row (first time only)"),
			new Shared("email_suppressions", "marketing.tracking", "an unsubscribe suppresses the address"),
			new Shared("campaigns", "marketing.send",
					"the last mail sent completes its campaign (SENDING → SENT),"
							+ " moving the campaign's version as the campaign's own writes do"),
			new Shared("ticket_messages", "service.mail", "support's mail stamps the Message-ID it chose on the reply"
					+ " it mailed (threading); messages are append-only rows nobody edits"));

	record Write(String pkg, String file, String table, String statement) {
		@Override
		public String toString() {
			return pkg + " (" + file + ") writes " + table + ": " + statement;
		}
	}

	static final Path ROOT = Path.of("..");

	static Set<String> tables;

	static List<Write> writes;

	@BeforeAll
	static void scan() {
		tables = tablesInMigrations();
		writes = new ArrayList<>();
		for (Path file : mainSources()) {
			if (!file.getFileName().toString().endsWith("DemoData.java")) {
				writes.addAll(writesIn(read(file), file.getFileName().toString(), tables));
			}
		}
	}

	@Test
	void everySqlWriteIsByTheTablesOwner() {
		assertThat(writes).as("the scan finds the application's writes").hasSizeGreaterThan(100);
		assertThat(violations(writes)).as("SQL writes to a table another package owns; call its service").isEmpty();
	}

	@Test
	void everyTableWrittenBySqlHasAnOwner() {
		assertThat(writes.stream().map(Write::table).filter(t -> !OWNER.containsKey(t)).distinct())
			.as("tables written by SQL with no owner in OWNER")
			.isEmpty();
	}

	@Test
	void anEntitysTableIsOwnedByTheEntitysPackage() {
		Map<String, String> entities = entityTables();
		assertThat(entities).as("the scan finds the entities")
			.containsEntry("contacts", "core.contact")
			.containsEntry("tickets", "service.ticket");
		entities
			.forEach((table, pkg) -> assertThat(OWNER.getOrDefault(table, pkg)).as("owner of " + table).isEqualTo(pkg));
	}

	@Test
	void exceptionsStayInsideTheirModuleAndAreStillNeeded() {
		for (Shared s : SHARED) {
			assertThat(module(s.writer())).as(s.toString()).isEqualTo(module(OWNER.get(s.table())));
			assertThat(writes).as("still needed: " + s)
				.anyMatch(w -> w.table().equals(s.table()) && w.pkg().equals(s.writer()));
		}
	}

	@Test
	void marketingWritingAContactsConsentBySqlIsCaught() {
		String source = """
				package org.opencrm.marketing.tracking;
				class Sneaky {
					// update contacts in a comment is no write
					void run(JdbcClient jdbc) {
						jdbc.sql("update contacts set consent_email = false where id = ?").update();
						jdbc.sql(\"""
								UPDATE contacts c set tags = array_append(c.tags, 'x')
								\""").update();
						jdbc.sql("select 1 from email_sends for update skip locked").query();
					}
				}
				""";

		List<Write> found = writesIn(source, "Sneaky.java", tables);

		assertThat(found).extracting(Write::table).containsExactly("contacts", "contacts");
		assertThat(violations(found)).hasSize(2);
	}

	static List<Write> violations(List<Write> found) {
		return found.stream().filter(w -> !mayWrite(w.pkg(), w.table())).toList();
	}

	static boolean mayWrite(String pkg, String table) {
		return pkg.equals(OWNER.get(table))
				|| SHARED.stream().anyMatch(s -> s.table().equals(table) && s.writer().equals(pkg));
	}

	private static final Pattern WRITE = Pattern
		.compile("(?i)\\b(?:insert\\s+into|update|delete\\s+from)\\s+([a-z_][a-z0-9_]*)");

	private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+org\\.opencrm\\.([\\w.]+);");

	static List<Write> writesIn(String source, String file, Set<String> knownTables) {
		Matcher p = PACKAGE.matcher(source);
		String pkg = p.find() ? p.group(1) : "?";
		List<Write> found = new ArrayList<>();
		for (String literal : JavaLiterals.of(source)) {
			Matcher m = WRITE.matcher(literal);
			while (m.find()) {
				String table = m.group(1).toLowerCase();
				// "for update skip locked", "do update set", prose: only a table's name
				// makes it a write.
				if (knownTables.contains(table)) {
					found.add(new Write(pkg, file, table, m.group().replaceAll("\\s+", " ")));
				}
			}
		}
		return found;
	}

	/**
	 * The tables the feature packages' entities map: {@code @Table(name = "…")} next to
	 * {@code @Entity}.
	 */
	static Map<String, String> entityTables() {
		Pattern table = Pattern.compile("@Table\\(name\\s*=\\s*\"(\\w+)\"");
		Map<String, String> found = new TreeMap<>();
		for (Path file : mainSources()) {
			String source = read(file);
			Matcher t = table.matcher(source);
			Matcher p = PACKAGE.matcher(source);
			if (source.contains("@Entity") && t.find() && p.find()) {
				found.put(t.group(1), p.group(1));
			}
		}
		return found;
	}

	static Set<String> tablesInMigrations() {
		Pattern create = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
		// A table renamed by a later migration (email_outbox → email_sends) is known by
		// its
		// new name too.
		Pattern rename = Pattern
			.compile("(?i)alter\\s+table\\s+[a-z_][a-z0-9_]*\\s+rename\\s+to\\s+([a-z_][a-z0-9_]*)");
		Set<String> found = new HashSet<>();
		for (Path file : files("src/main/resources/db/migration", ".sql")) {
			String sql = read(file);
			for (Pattern p : List.of(create, rename)) {
				Matcher m = p.matcher(sql);
				while (m.find()) {
					found.add(m.group(1).toLowerCase());
				}
			}
		}
		return found;
	}

	private static String module(String pkg) {
		return pkg.substring(0, pkg.indexOf('.'));
	}

	static List<Path> mainSources() {
		return files("src/main/java", ".java");
	}

	private static List<Path> files(String under, String suffix) {
		List<Path> found = new ArrayList<>();
		for (String module : List.of("crm-core", "crm-sales", "crm-marketing", "crm-service", "crm-web")) {
			Path dir = ROOT.resolve(module).resolve(under);
			if (!Files.isDirectory(dir)) {
				continue;
			}
			try (Stream<Path> walk = Files.walk(dir)) {
				walk.filter(f -> f.toString().endsWith(suffix)).forEach(found::add);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return found;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * The contents of a Java source's string literals and text blocks; comments and chars
	 * skipped.
	 */
	static final class JavaLiterals {

		private JavaLiterals() {
		}

		static List<String> of(String src) {
			List<String> out = new ArrayList<>();
			int i = 0;
			while (i < src.length()) {
				if (src.startsWith("//", i)) {
					int eol = src.indexOf('\n', i);
					i = eol < 0 ? src.length() : eol;
				}
				else if (src.startsWith("/*", i)) {
					i = src.indexOf("*/", i + 2) + 2;
				}
				else if (src.startsWith("\"\"\"", i)) {
					i = read(src, i + 3, "\"\"\"", out);
				}
				else if (src.charAt(i) == '"') {
					i = read(src, i + 1, "\"", out);
				}
				else if (src.charAt(i) == '\'') {
					i = read(src, i + 1, "'", new ArrayList<>());
				}
				else {
					i++;
				}
			}
			return out;
		}

		/** Reads up to the unescaped {@code end}; returns the index after it. */
		private static int read(String src, int from, String end, List<String> out) {
			StringBuilder text = new StringBuilder();
			int i = from;
			while (!src.startsWith(end, i)) {
				if (src.charAt(i) == '\\') {
					text.append(src, i, i + 2);
					i += 2;
				}
				else {
					text.append(src.charAt(i++));
				}
			}
			out.add(text.toString());
			return i + end.length();
		}

	}

}
