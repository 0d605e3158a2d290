package org.opencrm.core.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.opencrm.core.shared.LifecycleStage;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo company's people and customers: teams and one user per role (password
 * {@code demo}), then accounts, contacts, a history of calls, e-mails, meetings and
 * notes, and open and done tasks.
 */
@Component
@Order(0)
class CoreDemoData implements DemoDataContributor {

	static final int ACCOUNTS = 400;

	static final int CONTACTS_PER_ACCOUNT = 10;

	private static final String[] FIRST = { "Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida",
			"Jonas", "Karin", "Lukas", "Maria", "Nils", "Olga", "Paul", "Rosa", "Simon", "Tina", "Uwe", "Vera",
			"Walter", "Yara", "Zoe", "Liam", "Noah", "Emma", "Mia", "Leon", "Sofia", "Amir", "Chen", "Priya", "Kenji" };

	private static final String[] LAST = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
			"Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Brown", "Smith",
			"Johnson", "Garcia", "Martin", "Rossi", "Dubois", "Novak", "Kowalski", "Jensen", "Silva", "Tanaka",
			"Okafor", "Haddad" };

	private static final String[] COMPANY_A = { "Alpine", "Blue", "Cedar", "Delta", "Evergreen", "Falcon", "Granite",
			"Harbor", "Iron", "Juniper", "Keystone", "Lumen", "Maple", "Nova", "Orbit", "Pioneer", "Quartz", "River",
			"Summit", "Tidal", "Union", "Vertex", "Willow", "Zenith" };

	private static final String[] COMPANY_B = { "Systems", "Logistics", "Foods", "Energy", "Health", "Labs",
			"Manufacturing", "Retail", "Media", "Analytics", "Robotics", "Textiles", "Pharma", "Finance", "Motors" };

	private static final String[] SUFFIX = { "GmbH", "AG", "Ltd", "Inc", "SA", "BV" };

	private static final String[] INDUSTRY = { "Manufacturing", "Retail", "Healthcare", "Finance", "Energy",
			"Logistics", "Software", "Food & Beverage", "Media", "Automotive" };

	private static final String[][] CITY = { { "Berlin", "Germany" }, { "Munich", "Germany" }, { "Hamburg", "Germany" },
			{ "Vienna", "Austria" }, { "Zurich", "Switzerland" }, { "Paris", "France" }, { "Lyon", "France" },
			{ "Milan", "Italy" }, { "Madrid", "Spain" }, { "Amsterdam", "Netherlands" }, { "London", "United Kingdom" },
			{ "Dublin", "Ireland" }, { "Warsaw", "Poland" }, { "Prague", "Czechia" }, { "Copenhagen", "Denmark" },
			{ "Stockholm", "Sweden" } };

	private static final String[] TITLE = { "CEO", "CFO", "Head of Purchasing", "IT Manager", "Operations Director",
			"Buyer", "Marketing Manager", "Office Manager", "Engineer", "Sales Director" };

	private static final String[] TAGS = { "vip", "newsletter", "partner", "trade-fair-2026", "key-account", "eu",
			"renewal-due" };

	private static final String[][] INTERACTION = {
			{ "CALL", "Discovery call", "Talked about current supplier and pain points." },
			{ "CALL", "Follow-up call", "Answered pricing questions; they will compare offers." },
			{ "EMAIL", "Sent product brochure", "Sent the brochure and reference list." },
			{ "EMAIL", "Re: delivery dates", "Confirmed delivery for next month." },
			{ "MEETING", "On-site meeting", "Met the team at their office; demo went well." },
			{ "MEETING", "Quarterly review", "Reviewed usage and open issues." },
			{ "NOTE", "Budget approved", "Budget for next year approved by the board." },
			{ "NOTE", "Prefers e-mail", "Contact prefers e-mail over phone calls." } };

	private final JdbcTemplate jdbc;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	CoreDemoData(JdbcTemplate jdbc, PasswordEncoder passwordEncoder, Clock clock) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@Override
	public void contribute(DemoContext ctx) {
		Random rnd = ctx.random();
		Instant now = clock.instant();
		Long sales = jdbc.queryForObject("insert into teams (name) values ('Sales') returning id", Long.class);
		Long support = jdbc.queryForObject("insert into teams (name) values ('Support') returning id", Long.class);
		Long marketing = jdbc.queryForObject("insert into teams (name) values ('Marketing') returning id", Long.class);
		// One hash for every demo user: BCrypt is slow on purpose.
		String hash = passwordEncoder.encode("demo");
		Object[][] users = { { "admin", "Ada Admin", "ADMIN", null }, { "manager", "Max Manager", "MANAGER", sales },
				{ "rep", "Rita Rep", "SALES_REP", sales }, { "rep2", "Sam Seller", "SALES_REP", sales },
				{ "agent", "Alex Agent", "SUPPORT_AGENT", support },
				{ "agent2", "Kim Support", "SUPPORT_AGENT", support },
				{ "marketer", "Mona Marketer", "MARKETER", marketing } };
		for (Object[] u : users) {
			Long id = jdbc.queryForObject("""
					insert into users (username, full_name, email, password_hash, role, team_id)
					values (?, ?, ?, ?, ?, ?) returning id
					""", Long.class, u[0], u[1], u[0] + "@demo.opencrm.org", hash, u[2], u[3]);
			ctx.userIds().put((String) u[0], id);
		}
		List<Long> owners = List.of(ctx.user("rep"), ctx.user("rep2"), ctx.user("manager"));

		List<Object[]> accounts = new ArrayList<>();
		Map<String, Integer> names = new LinkedHashMap<>();
		for (int i = 0; i < ACCOUNTS; i++) {
			String base = pick(rnd, COMPANY_A) + " " + pick(rnd, COMPANY_B);
			int seen = names.merge(base, 1, Integer::sum);
			String name = (seen > 1 ? base + " " + seen : base) + " " + pick(rnd, SUFFIX);
			String domain = name.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example";
			String[] city = CITY[rnd.nextInt(CITY.length)];
			LifecycleStage stage = weightedStage(rnd);
			accounts.add(new Object[] { name, domain, pick(rnd, INDUSTRY), "+49 30 " + (1000000 + rnd.nextInt(8999999)),
					"info@" + domain, "https://www." + domain, (1 + rnd.nextInt(200)) + " Main Street", city[0],
					String.valueOf(10000 + rnd.nextInt(89999)), city[1], stage.name(),
					owners.get(rnd.nextInt(owners.size())), tags(rnd),
					Timestamp.from(now.minus(Duration.ofDays(30 + rnd.nextInt(900)))) });
		}
		jdbc.batchUpdate("""
				insert into accounts (name, domain, industry, phone, email, website, street, city, postal_code, country,
				                      lifecycle_stage, owner_id, tags, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(string_to_array(nullif(?, ''), ','), '{}'), ?, ?)
				""", accounts.stream().map(a -> append(a, a[13])).toList());
		record AccountRow(long id, long ownerId, String domain) {
		}
		List<AccountRow> accountRows = jdbc.query("select id, owner_id, domain from accounts order by id",
				(rs, n) -> new AccountRow(rs.getLong(1), rs.getLong(2), rs.getString(3)));

		List<Object[]> contacts = new ArrayList<>();
		for (AccountRow account : accountRows) {
			String domain = account.domain();
			int n = 3 + rnd.nextInt(CONTACTS_PER_ACCOUNT * 2 - 5);
			for (int i = 0; i < n; i++) {
				String first = pick(rnd, FIRST);
				String last = pick(rnd, LAST);
				String email = (first + "." + last).toLowerCase().replace("ü", "ue") + (i > 0 ? i : "") + "@" + domain;
				String[] city = CITY[rnd.nextInt(CITY.length)];
				boolean consent = rnd.nextInt(10) < 7;
				contacts.add(new Object[] { account.id(), first, last, pick(rnd, TITLE), email,
						"+49 170 " + (1000000 + rnd.nextInt(8999999)), city[0], city[1], weightedStage(rnd).name(),
						account.ownerId(), rnd.nextInt(4) == 0 ? pick(rnd, TAGS) : "", consent, rnd.nextInt(10) < 5,
						Timestamp.from(now.minus(Duration.ofDays(rnd.nextInt(700)))) });
			}
		}
		jdbc.batchUpdate(
				"""
						insert into contacts (account_id, first_name, last_name, title, email, phone, city, country,
						                      lifecycle_stage, owner_id, tags, consent_email, consent_phone, consent_updated_at,
						                      created_at, updated_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(string_to_array(nullif(?, ''), ','), '{}'), ?, ?, ?, ?, ?)
						""",
				contacts.stream().map(c -> append(append(c, c[13]), c[13])).toList());

		List<long[]> contactRows = jdbc.query("select id, account_id, owner_id from contacts order by id",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) });
		List<Object[]> interactions = new ArrayList<>();
		for (long[] c : contactRows) {
			int n = rnd.nextInt(9);
			for (int i = 0; i < n; i++) {
				String[] it = INTERACTION[rnd.nextInt(INTERACTION.length)];
				interactions
					.add(new Object[] { it[0], Timestamp.from(now.minus(Duration.ofHours(1 + rnd.nextInt(24 * 500)))),
							c[1], c[0], it[1], it[2], c[2] });
			}
		}
		jdbc.batchUpdate(
				"""
						insert into interactions (kind, occurred_at, account_id, contact_id, subject, body, source_module, author_id)
						values (?, ?, ?, ?, ?, ?, 'core', ?)
						""",
				interactions);
		jdbc.update("""
				update contacts c set last_activity_at = i.last
				from (select contact_id, max(occurred_at) as last from interactions group by contact_id) i
				where i.contact_id = c.id
				""");

		List<Object[]> tasks = new ArrayList<>();
		String[] taskTitles = { "Call back about the offer", "Send revised quote", "Prepare meeting agenda",
				"Check delivery status", "Ask for a reference", "Renewal conversation" };
		for (int i = 0; i < 600; i++) {
			long[] c = contactRows.get(rnd.nextInt(contactRows.size()));
			boolean done = rnd.nextInt(3) == 0;
			Instant due = now.plus(Duration.ofHours(rnd.nextInt(24 * 21) - 24 * 7));
			long assignee = i % 5 == 0 ? ctx.user("agent") : c[2];
			tasks.add(new Object[] { pick(rnd, taskTitles), Timestamp.from(due), assignee, c[1], c[0],
					done ? "DONE" : "OPEN", done ? Timestamp.from(due) : null, assignee });
		}
		jdbc.batchUpdate("""
				insert into tasks (title, due_at, assignee_id, account_id, contact_id, status, completed_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""", tasks);
	}

	private static LifecycleStage weightedStage(Random rnd) {
		int r = rnd.nextInt(100);
		if (r < 10) {
			return LifecycleStage.SUBSCRIBER;
		}
		if (r < 30) {
			return LifecycleStage.LEAD;
		}
		if (r < 40) {
			return LifecycleStage.MARKETING_QUALIFIED;
		}
		if (r < 48) {
			return LifecycleStage.SALES_QUALIFIED;
		}
		if (r < 60) {
			return LifecycleStage.OPPORTUNITY;
		}
		if (r < 92) {
			return LifecycleStage.CUSTOMER;
		}
		return r < 96 ? LifecycleStage.EVANGELIST : LifecycleStage.CHURNED;
	}

	private static String tags(Random rnd) {
		return rnd.nextInt(3) == 0 ? pick(rnd, TAGS) : rnd.nextInt(5) == 0 ? pick(rnd, TAGS) + ",eu" : "";
	}

	private static String pick(Random rnd, String[] values) {
		return values[rnd.nextInt(values.length)];
	}

	private static Object[] append(Object[] row, Object value) {
		Object[] out = java.util.Arrays.copyOf(row, row.length + 1);
		out[row.length] = value;
		return out;
	}

}
