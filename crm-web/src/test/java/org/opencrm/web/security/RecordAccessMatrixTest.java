package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Record access can't be bypassed by how an id is written: every path naming another
 * user's customer, deal or lead — canonically and as {@code %34}, {@code +4}, {@code 04}
 * or {@code 0x4}, which the controllers all read as 4 — answers "not found" (the 404
 * page, or 404 problem JSON on the API) to a rep (a record of rep2's) and to a manager (a
 * record of another team's), on GET and on POST with a valid CSRF token, and nothing in
 * the database changes. The same spellings of the user's own records open, so the matrix
 * can't pass by everything failing. Adding a path is one line in {@link #PATHS}.
 */
@WebIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordAccessMatrixTest {

	/**
	 * method, path ({account}, {contact}, {deal}, {lead} stand for the id as spelled),
	 * form/JSON body.
	 */
	static final List<Case> PATHS = List.of(
			// Account pages and everything hanging off one.
			Case.get("/accounts/{account}"), Case.get("/accounts/{account}/edit"),
			Case.get("/accounts/{account}/timeline"), Case.get("/accounts/{account}/email"),
			Case.get("/sales/accounts/{account}/purchases"), Case.get("/partners/accounts/{account}").onlyManagers(),
			Case.get("/contacts?account={account}"), Case.get("/contacts/new?accountId={account}"),
			Case.get("/opportunities/new?accountId={account}"),
			Case.post("/accounts/{account}",
					"name=Taken over&lifecycleStage=CUSTOMER&ownerId={me}&version={aversion}&confirmDuplicate=true"),
			Case.post("/accounts/{account}/delete", "version={aversion}").onlyManagers(),
			Case.post("/accounts/{account}/interactions", "kind=CALL&subject=Sneaky call"),
			Case.post("/accounts/{account}/email", "to=x@example.com&subject=Sneaky&body=Hi"),
			Case.post("/partners/accounts/{account}", "type=RESELLER&version=-1").onlyManagers(),
			Case.post("/partners/accounts/{account}/remove", "version=0").onlyManagers(),
			Case.post("/service/customers/accounts/{account}/tier", "tier=PLATINUM").onlyManagers(),
			Case.post("/tasks", "title=Sneaky task&dueAt=2030-01-01T09:00&assigneeId={me}&accountId={account}"),
			// Contact pages.
			Case.get("/contacts/{contact}"), Case.get("/contacts/{contact}/edit"),
			Case.get("/contacts/{contact}/timeline"), Case.get("/contacts/{contact}/email"),
			Case.get("/sales/contacts/{contact}/purchases"),
			Case.post("/contacts/{contact}",
					"firstName=Taken&lastName=Over&lifecycleStage=CUSTOMER&ownerId={me}&version={cversion}&confirmDuplicate=true"),
			Case.post("/contacts/{contact}/delete", "version={cversion}").onlyManagers(),
			Case.post("/contacts/{contact}/interactions", "kind=CALL&subject=Sneaky call"),
			Case.post("/contacts/{contact}/email", "to=x@example.com&subject=Sneaky&body=Hi"),
			Case.post("/tasks", "title=Sneaky task&dueAt=2030-01-01T09:00&assigneeId={me}&contactId={contact}"),
			// Deals and leads, pages and API.
			Case.get("/opportunities/{deal}"), Case.get("/opportunities/{deal}/edit"), Case.get("/leads/{lead}"),
			Case.api(HttpMethod.GET, "/api/v1/opportunities/{deal}", null),
			Case.api(HttpMethod.POST, "/api/v1/opportunities/{deal}/stage",
					"{\"stageId\":{stage},\"version\":{dversion}}"),
			Case.api(HttpMethod.GET, "/api/v1/leads/{lead}", null),
			Case.api(HttpMethod.POST, "/api/v1/leads/{lead}/status",
					"{\"status\":\"DISQUALIFIED\",\"reason\":\"x\",\"version\":{lversion}}"));

	/** The ways of writing one id that the controllers all read as that id. */
	static final List<String> SPELLINGS = List.of("canonical", "percent", "plus", "zeros", "hex");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	/** Per user: the records of someone else's they must not reach, and their own. */
	Map<String, Targets> others;

	Map<String, Targets> own;

	long wonStage;

	@BeforeAll
	void records() {
		String u = UUID.randomUUID().toString().substring(0, 8);
		long rep = users.loadUserByUsername("rep").id();
		long rep2 = users.loadUserByUsername("rep2").id();
		long manager = users.loadUserByUsername("manager").id();
		long agent = users.loadUserByUsername("agent").id();
		wonStage = jdbc
			.sql("""
					select min(s.id) from pipeline_stages s join pipelines p on p.id = s.pipeline_id where p.is_default and s.kind = 'WON'
					""")
			.query(Long.class)
			.single();
		// A rep reaches for rep2's customer, deal and lead from the demo data.
		Targets ofRep2 = new Targets(rep, first("select id from accounts where owner_id = ? order by id", rep2), first(
				"select c.id from contacts c join accounts a on a.id = c.account_id where a.owner_id = ? order by c.id",
				rep2), first("select id from opportunities where owner_id = ? and status = 'OPEN' order by id", rep2),
				first("select id from leads where owner_id = ? and status in ('NEW', 'WORKING') order by id", rep2));
		// Every demo customer belongs to the sales team: give the support team one, with
		// a deal and a lead.
		long supportAccount = insert(
				"insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id",
				"Support owned " + u, agent);
		long supportContact = insert(
				"""
						insert into contacts (first_name, last_name, lifecycle_stage, owner_id) values ('Sue', ?, 'CUSTOMER', ?) returning id
						""",
				"Support" + u, agent);
		long supportDeal = insert(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date, owner_id,
						                           forecast_category)
						select ?, ?, s.pipeline_id, s.id, 'OPEN', 100, 'EUR', current_date + 30, ?, 'PIPELINE'
						from pipeline_stages s join pipelines p on p.id = s.pipeline_id
						where p.is_default and s.kind = 'OPEN' order by s.position limit 1 returning id
						""",
				"Support deal " + u, supportAccount, agent);
		long supportLead = insert(
				"insert into leads (last_name, company, source, status, owner_id) values (?, 'Acme', 'WEB', 'NEW', ?) returning id",
				"Lead" + u, agent);
		Targets ofSupport = new Targets(manager, supportAccount, supportContact, supportDeal, supportLead);
		others = Map.of("rep", ofRep2, "manager", ofSupport);
		own = Map
			.of("rep", new Targets(rep, first("select id from accounts where owner_id = ? order by id", rep), first(
					"select c.id from contacts c join accounts a on a.id = c.account_id where a.owner_id = ? order by c.id",
					rep), first("select id from opportunities where owner_id = ? order by id", rep),
					first("select id from leads where owner_id = ? order by id", rep)));
	}

	Stream<Arguments> othersRecords() {
		List<Arguments> cases = new ArrayList<>();
		for (String user : List.of("rep", "manager")) {
			for (Case c : PATHS) {
				if (c.managersOnly() && !user.equals("manager")) {
					continue;
				}
				for (String spelling : SPELLINGS) {
					cases.add(Arguments.of(user, spelling, c));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {2} as {1}")
	@MethodSource("othersRecords")
	void anotherUsersRecordIsNotFoundHoweverItsIdIsWrittenAndNothingChanges(String user, String spelling, Case c)
			throws Exception {
		Targets t = others.get(user);
		String before = fingerprint(t);
		var result = mvc.perform(c.request(t, spelling, vars(t), users, user)).andExpect(status().isNotFound());
		if (c.api()) {
			result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		assertThat(fingerprint(t)).as("database after %s %s", c.method(), c.path()).isEqualTo(before);
	}

	Stream<Arguments> ownRecords() {
		List<String> pages = List.of("/accounts/{account}", "/contacts/{contact}", "/opportunities/{deal}",
				"/accounts/{account}/timeline");
		List<Arguments> cases = new ArrayList<>();
		for (String page : pages) {
			for (String spelling : SPELLINGS) {
				cases.add(Arguments.of(spelling, Case.get(page)));
			}
		}
		cases.add(Arguments.of("plus", Case.api(HttpMethod.GET, "/api/v1/opportunities/{deal}", null)));
		return cases.stream();
	}

	@ParameterizedTest(name = "rep's own {1} as {0}")
	@MethodSource("ownRecords")
	void theUsersOwnRecordOpensHoweverItsIdIsWritten(String spelling, Case c) throws Exception {
		mvc.perform(c.request(own.get("rep"), spelling, vars(own.get("rep")), users, "rep")).andExpect(status().isOk());
	}

	/** Everything a request in the matrix could change about the target records. */
	private String fingerprint(Targets t) {
		return jdbc.sql("""
				select concat_ws(' | ',
				  (select a::text from accounts a where a.id = :a),
				  (select c::text from contacts c where c.id = :c),
				  (select count(*) from interactions where account_id = :a or contact_id = :c),
				  (select count(*) from tasks where account_id = :a or contact_id = :c),
				  (select p::text from partners p where p.account_id = :a),
				  (select t::text from account_service_tiers t where t.account_id = :a),
				  (select o::text from opportunities o where o.id = :d),
				  (select l::text from leads l where l.id = :l))
				""")
			.param("a", t.account())
			.param("c", t.contact())
			.param("d", t.deal())
			.param("l", t.lead())
			.query(String.class)
			.single();
	}

	/**
	 * The other placeholders: the acting user, a stage to move to, and the records'
	 * current versions (a stale one would fail for another reason).
	 */
	private Map<String, String> vars(Targets t) {
		return Map.of("{me}", String.valueOf(t.me()), "{stage}", String.valueOf(wonStage), "{aversion}",
				version("accounts", t.account()), "{cversion}", version("contacts", t.contact()), "{dversion}",
				version("opportunities", t.deal()), "{lversion}", version("leads", t.lead()));
	}

	private String version(String table, long id) {
		// Absent once a broken check let a delete through: the fingerprint then tells.
		return String.valueOf(jdbc.sql("select version from " + table + " where id = ?")
			.param(id)
			.query(Long.class)
			.optional()
			.orElse(0L));
	}

	private long first(String sql, long param) {
		return jdbc.sql(sql + " limit 1").param(param).query(Long.class).single();
	}

	private long insert(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	record Targets(long me, long account, long contact, long deal, long lead) {
	}

	/**
	 * One row of the matrix; {@code managersOnly} for routes a rep's role can't use at
	 * all (403 before any record).
	 */
	record Case(HttpMethod method, String path, String body, boolean api, boolean managersOnly) {

		static Case get(String path) {
			return new Case(HttpMethod.GET, path, null, false, false);
		}

		static Case post(String path, String form) {
			return new Case(HttpMethod.POST, path, form, false, false);
		}

		static Case api(HttpMethod method, String path, String json) {
			return new Case(method, path, json, true, false);
		}

		Case onlyManagers() {
			return new Case(method, path, body, api, true);
		}

		MockHttpServletRequestBuilder request(Targets t, String spelling, Map<String, String> vars, UserService users,
				String user) {
			String uri = fill(path, t, spelling, vars);
			// A URI, not a template: MockMvc would percent-encode the % of %34 again.
			MockHttpServletRequestBuilder b = request(method, URI.create(uri)).with(csrf());
			if (api) {
				b.with(httpBasic(user, "demo"));
				if (body != null) {
					b.contentType(MediaType.APPLICATION_JSON).content(fill(body, t, "canonical", vars));
				}
				return b.accept(MediaType.APPLICATION_JSON);
			}
			b.with(as(users, user));
			if (body != null) {
				// Form values arrive decoded: %34 in a form body is "4" by the time the
				// controller reads it.
				for (String pair : fill(body, t, "percent".equals(spelling) ? "canonical" : spelling, vars)
					.split("&")) {
					String[] kv = pair.split("=", 2);
					b.param(kv[0], kv[1]);
				}
			}
			return b;
		}

		private static String fill(String text, Targets t, String spelling, Map<String, String> vars) {
			String filled = text.replace("{account}", spell(t.account(), spelling))
				.replace("{contact}", spell(t.contact(), spelling))
				.replace("{deal}", spell(t.deal(), spelling))
				.replace("{lead}", spell(t.lead(), spelling));
			for (var v : vars.entrySet()) {
				filled = filled.replace(v.getKey(), v.getValue());
			}
			return filled;
		}

		private static MockHttpServletRequestBuilder request(HttpMethod method, URI uri) {
			return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(method, uri);
		}

		@Override
		public String toString() {
			return method + " " + path;
		}
	}

	static String spell(long id, String spelling) {
		String digits = String.valueOf(id);
		return switch (spelling) {
			case "canonical" -> digits;
			case "percent" ->
				digits.chars().mapToObj(ch -> "%" + Integer.toHexString(ch).toUpperCase()).reduce("", String::concat);
			case "plus" -> "+" + digits;
			case "zeros" -> "00" + digits;
			case "hex" -> "0x" + Long.toHexString(id);
			default -> throw new IllegalArgumentException(spelling);
		};
	}

}
