package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.NameValueExpression;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler mapping of the pages and the API, asked by every role, against the
 * reviewed table {@code src/test/resources/security/permission-matrix.csv}. A mapping the
 * table doesn't list, or a line without a mapping, fails the build: every new endpoint
 * gets an explicit decision per role.
 * <p>
 * Each request goes through the whole security filter chain (pages signed in like a
 * session login, with a CSRF token; the API with HTTP Basic as its clients do). Path
 * variables name records that don't exist, bodies are empty, so a permitted request
 * answers 400/404 and changes nothing; the few that would act without naming a record are
 * {@code skip:} cells with their reason. Every table's row count before and after each
 * changing request proves it (the shared demo data stays as it was).
 * <p>
 * {@code -Dmatrix.write=true} also writes today's behaviour to
 * {@code target/permission-matrix.observed.csv} (and the status codes to
 * {@code target/permission-matrix.statuses.txt}) to start or review the table from.
 * Record-level access (other users' records) is tested elsewhere, per area.
 */
@WebIntegrationTest
class PermissionMatrixTest {

	static final String TABLE = "security/permission-matrix.csv";

	static final String TABLE_IN_REPO = "crm-web/src/test/resources/" + TABLE;

	/** No record has this id; fits an int too. */
	static final String MISSING_ID = "999999999";

	/**
	 * The table's columns: who asks, and as which demo user (anonymous: nobody signed
	 * in).
	 */
	enum Caller {

		ANONYMOUS("anonymous", null), CUSTOMER("CUSTOMER", "customer"), SALES_REP("SALES_REP", "rep"),
		SUPPORT_AGENT("SUPPORT_AGENT", "agent"), MARKETER("MARKETER", "marketer"), MANAGER("MANAGER", "manager"),
		ADMIN("ADMIN", "admin");

		final String column;

		final String user;

		Caller(String column, String user) {
			this.column = column;
			this.user = user;
		}

	}

	static final String HEADER = "endpoint,"
			+ String.join(",", java.util.Arrays.stream(Caller.values()).map(c -> c.column).toList());

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	/**
	 * Time spent asking, reported with the counts (HTTP Basic checks a BCrypt hash on
	 * every API request).
	 */
	private long apiNanos;

	private long pageNanos;

	/**
	 * The jobs that may run beside the probes: two read, and Spring Modulith's moments
	 * publish "an hour (a day) has passed", which nothing here listens to. Every other
	 * job is parked for the web tests (src/test/resources/config/application.properties,
	 * as the bench parks them), so a row count that moves during a probe is the probe's
	 * doing.
	 */
	static final Set<String> QUIET_JOBS = Set.of("org.opencrm.core.company.CompanyProfiles.refresh",
			"org.opencrm.core.workflow.ActiveRules.reload",
			"org.springframework.modulith.moments.support.Moments.everyHour",
			"org.springframework.modulith.moments.support.Moments.everyMidnight");

	@Test
	void noJobThatWritesRunsBesideTheProbes() {
		Set<String> scheduled = new TreeSet<>();
		context.getBeansOfType(ScheduledTaskHolder.class)
			.values()
			.forEach(holder -> holder.getScheduledTasks().forEach(task -> scheduled.add(task.toString())));
		assertThat(scheduled).as("scheduled jobs besides the quiet ones: park them for the web tests")
			.isSubsetOf(QUIET_JOBS);
	}

	@Test
	void everyEndpointAnswersEachRoleAsThePermissionTableSays() throws Exception {
		long started = System.nanoTime();
		awaitQuietListeners();
		Map<String, Endpoint> endpoints = endpoints();
		Map<String, List<String>> table = readTable();

		List<String> unexpectedSuccesses = new ArrayList<>();
		List<String> unexpectedDenials = new ArrayList<>();
		List<String> unlisted = new ArrayList<>();
		List<String> stale = new ArrayList<>();
		List<String> changedData = new ArrayList<>();
		String rowCounts = rowCountQuery();
		Map<String, String> observedLines = new TreeMap<>(ENDPOINT_ORDER);
		List<String> statuses = new ArrayList<>();
		int checked = 0;
		int skipped = 0;
		boolean write = Boolean.getBoolean("matrix.write");

		for (Endpoint endpoint : endpoints.values()) {
			List<String> expected = table.get(endpoint.key());
			boolean probe = expected != null || write || endpoint.safeToProbeUnlisted();
			Map<String, Long> rowsBefore = endpoint.reads() || !probe ? null : rowCounts(rowCounts);
			Map<Caller, Answer> answers = probe ? askAll(endpoint, expected) : Map.of();
			if (rowsBefore != null) {
				List<String> changes = changes(rowsBefore, rowCounts(rowCounts));
				if (!changes.isEmpty()) {
					// Jobs that write are parked (noJobThatWritesRunsBesideTheProbes),
					// but
					// another cached test context's listener may have written at the same
					// moment: blame the probe only if asking again changes rows again.
					Map<String, Long> again = rowCounts(rowCounts);
					askAll(endpoint, expected);
					changes = changes(again, rowCounts(rowCounts));
				}
				changes.forEach(change -> changedData.add("  " + endpoint.key() + " changed the rows of " + change));
			}
			List<String> observed = new ArrayList<>();
			StringBuilder statusLine = new StringBuilder(endpoint.key());
			for (Caller caller : Caller.values()) {
				String want = expected == null ? null : expected.get(caller.ordinal());
				Answer answer = answers.get(caller);
				if (want != null && want.startsWith("skip:")) {
					observed.add(want);
					statusLine.append(' ').append(caller.column).append("=skip");
					skipped++;
					continue;
				}
				if (answer == null) {
					observed.add("?");
					continue;
				}
				observed.add(answer.denied() ? "deny" : "allow");
				statusLine.append(' ').append(caller.column).append('=').append(answer);
				if (want == null) {
					continue;
				}
				checked++;
				if (want.equals("deny") && !answer.denied()) {
					unexpectedSuccesses.add(
							"  " + endpoint.key() + "  " + caller.column + " got in (" + answer + "), table says deny");
				}
				else if (want.equals("allow") && answer.denied()) {
					unexpectedDenials.add("  " + endpoint.key() + "  " + caller.column + " was refused (" + answer
							+ "), table says allow");
				}
			}
			String line = endpoint.key() + "," + String.join(",", observed);
			observedLines.put(endpoint.key(), line);
			statuses.add(statusLine.toString());
			if (expected == null) {
				unlisted.add("  " + line);
			}
		}
		for (String key : table.keySet()) {
			if (!endpoints.containsKey(key)) {
				stale.add("  " + key);
			}
		}
		if (write) {
			writeObserved(observedLines, statuses);
		}

		String summary = "Permission matrix: %d endpoints × %d roles; %d checks run, %d skipped; unexpected successes: %d;"
			.formatted(endpoints.size(), Caller.values().length, checked, skipped, unexpectedSuccesses.size())
				+ " unexpected denials: %d; endpoints missing from the table: %d; stale table lines: %d; %d s"
					.formatted(unexpectedDenials.size(), unlisted.size(), stale.size(),
							(System.nanoTime() - started) / 1_000_000_000)
				+ " (asking pages %d s, the API %d s)".formatted(pageNanos / 1_000_000_000, apiNanos / 1_000_000_000);
		System.out.println("[permission-matrix] " + summary);
		if (unexpectedSuccesses.isEmpty() && unexpectedDenials.isEmpty() && unlisted.isEmpty() && stale.isEmpty()
				&& changedData.isEmpty()) {
			return;
		}
		StringBuilder message = new StringBuilder(summary).append('\n');
		section(message, unexpectedSuccesses, "Unexpected successes — a role reached an endpoint the table denies it"
				+ " (fix SecurityConfiguration, or change the table if the role really should have it):");
		section(message, unexpectedDenials, "Unexpected denials — a role was refused where the table allows it:");
		section(message, unlisted, "Endpoints the application has but " + TABLE_IN_REPO + " does not list. Add each"
				+ " line below to the table, after deciding per role (columns: " + HEADER + ") what it SHOULD be — the"
				+ " values shown are today's behaviour (allow/deny; '?' = not probed: a POST naming no record might act,"
				+ " run with -Dmatrix.write=true to probe it, or write skip:<reason> if probing it would change data):");
		section(message, changedData, "Probes that changed data (other tests share this database): make the request"
				+ " harmless, or mark the roles that reach it skip:<reason> in the table:");
		section(message, stale, "Lines in " + TABLE_IN_REPO + " without a mapping in the application (delete them):");
		fail(message.toString());
	}

	private static void section(StringBuilder message, List<String> lines, String title) {
		if (!lines.isEmpty()) {
			message.append('\n').append(title).append('\n');
			lines.forEach(line -> message.append(line).append('\n'));
		}
	}

	// ---- the application's endpoints

	/**
	 * One line of the table: a method and a path pattern, with one of the handlers mapped
	 * to it.
	 */
	record Endpoint(String method, String pattern, HandlerMethod handler, RequestMappingInfo info) {

		String key() {
			return method + " " + pattern;
		}

		boolean api() {
			return pattern.startsWith("/api/");
		}

		boolean reads() {
			return method.equals("GET") || method.equals("HEAD");
		}

		/**
		 * Not in the table yet: probe it only when it can't act (reads, or names a record
		 * that doesn't exist).
		 */
		boolean safeToProbeUnlisted() {
			return reads() || pattern.contains("{");
		}
	}

	static final Comparator<String> ENDPOINT_ORDER = Comparator
		.<String, String>comparing(key -> key.substring(key.indexOf(' ') + 1))
		.thenComparing(key -> key.substring(0, key.indexOf(' ')));

	private Map<String, Endpoint> endpoints() {
		Map<String, Endpoint> endpoints = new TreeMap<>(ENDPOINT_ORDER);
		for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()) {
			mapping.getHandlerMethods().forEach((info, handler) -> {
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				// A mapping for every method (Boot's /error) is listed for the two a
				// browser sends.
				List<String> names = methods.isEmpty() ? List.of("GET", "POST")
						: methods.stream().map(RequestMethod::name).toList();
				for (String pattern : info.getPatternValues()) {
					for (String method : names) {
						Endpoint endpoint = new Endpoint(method, pattern, handler, info);
						endpoints.putIfAbsent(endpoint.key(), endpoint);
					}
				}
			});
		}
		return endpoints;
	}

	// ---- asking

	/**
	 * What came back, and whether a handler ran (the security filters answer before any
	 * does).
	 */
	record Answer(int status, String location, boolean handled) {

		/**
		 * 401, 403, or the security filters sending an anonymous visitor to sign in. A
		 * page's own redirect to the sign-in page (a stale e-mail link) is an answer, not
		 * a refusal.
		 */
		boolean denied() {
			if (status == 401 || status == 403) {
				return true;
			}
			if (status >= 300 && status < 400 && location != null && !handled) {
				URI uri = URI.create(location);
				return "/login".equals(uri.getPath()) && uri.getQuery() == null;
			}
			return false;
		}

		@Override
		public String toString() {
			return location == null ? String.valueOf(status) : status + "→" + location;
		}
	}

	/** Every caller whose cell isn't a skip, in column order. */
	private Map<Caller, Answer> askAll(Endpoint endpoint, List<String> expected) throws Exception {
		Map<Caller, Answer> answers = new LinkedHashMap<>();
		for (Caller caller : Caller.values()) {
			if (expected == null || !expected.get(caller.ordinal()).startsWith("skip:")) {
				answers.put(caller, ask(endpoint, caller));
			}
		}
		return answers;
	}

	private Answer ask(Endpoint endpoint, Caller caller) throws Exception {
		AbstractMockHttpServletRequestBuilder<?> request = request(endpoint);
		if (endpoint.api()) {
			if (caller.user != null) {
				request.with(httpBasic(caller.user, "demo"));
			}
		}
		else {
			if (caller.user != null) {
				request.with(Logins.as(users, caller.user));
			}
			if (!endpoint.reads()) {
				// Authorization is under test, not CSRF (SecurityTest covers that): every
				// form carries its token.
				request.with(csrf());
			}
		}
		long asked = System.nanoTime();
		MvcResult result = mvc.perform(request).andReturn();
		if (endpoint.api()) {
			apiNanos += System.nanoTime() - asked;
		}
		else {
			pageNanos += System.nanoTime() - asked;
		}
		MockHttpServletResponse response = result.getResponse();
		return new Answer(response.getStatus(), response.getRedirectedUrl(), result.getHandler() != null);
	}

	private static AbstractMockHttpServletRequestBuilder<?> request(Endpoint endpoint) {
		URI uri = URI.create(expand(endpoint.pattern(), endpoint.handler()));
		HttpMethod method = HttpMethod.valueOf(endpoint.method());
		RequestMappingInfo info = endpoint.info();
		Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
		boolean multipart = consumes.stream().anyMatch(MediaType.MULTIPART_FORM_DATA::includes);
		AbstractMockHttpServletRequestBuilder<?> request = multipart ? MockMvcRequestBuilders.multipart(method, uri)
				: MockMvcRequestBuilders.request(method, uri);
		// Request conditions (params = "…", headers = "…") are met, so the mapping itself
		// answers.
		for (NameValueExpression<String> param : info.getParamsCondition().getExpressions()) {
			if (!param.isNegated()) {
				request.param(param.getName(), param.getValue() == null ? "x" : param.getValue());
			}
		}
		for (NameValueExpression<String> header : info.getHeadersCondition().getExpressions()) {
			if (!header.isNegated()) {
				request.header(header.getName(), header.getValue() == null ? "x" : header.getValue());
			}
		}
		Set<MediaType> produces = info.getProducesCondition().getProducibleMediaTypes();
		if (!produces.isEmpty()) {
			request.accept(produces.iterator().next());
		}
		else {
			request.accept(endpoint.api() ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML);
		}
		boolean hasBody = !endpoint.reads() && !endpoint.method().equals("DELETE");
		if (hasBody && !multipart) {
			boolean json = endpoint.api()
					? consumes.isEmpty() || consumes.stream().anyMatch(MediaType.APPLICATION_JSON::includes)
					: consumes.stream().anyMatch(MediaType.APPLICATION_JSON::includes);
			if (json) {
				request.contentType(MediaType.APPLICATION_JSON).content("{}");
			}
			else if (consumes.isEmpty()
					|| consumes.stream().anyMatch(MediaType.APPLICATION_FORM_URLENCODED::includes)) {
				request.contentType(MediaType.APPLICATION_FORM_URLENCODED);
			}
			else {
				request.contentType(consumes.iterator().next());
			}
		}
		return request;
	}

	/**
	 * The pattern with its variables filled: a missing record's id where the handler
	 * takes a number, {@code x} otherwise; {@code *} and {@code **} become {@code x}.
	 */
	static String expand(String pattern, HandlerMethod handler) {
		StringBuilder uri = new StringBuilder();
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '{') {
				int depth = 1;
				int end = i + 1;
				while (end < pattern.length() && depth > 0) {
					char d = pattern.charAt(end);
					depth += d == '{' ? 1 : d == '}' ? -1 : 0;
					end++;
				}
				String variable = pattern.substring(i + 1, end - 1);
				int colon = variable.indexOf(':');
				String name = (colon < 0 ? variable : variable.substring(0, colon)).replace("*", "");
				uri.append(numeric(name, handler) ? MISSING_ID : "x");
				i = end;
			}
			else if (c == '*') {
				uri.append('x');
				while (i < pattern.length() && pattern.charAt(i) == '*') {
					i++;
				}
			}
			else {
				uri.append(c);
				i++;
			}
		}
		return uri.toString();
	}

	private static boolean numeric(String name, HandlerMethod handler) {
		for (MethodParameter parameter : handler.getMethodParameters()) {
			PathVariable annotation = parameter.getParameterAnnotation(PathVariable.class);
			if (annotation == null) {
				continue;
			}
			parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
			String declared = !annotation.name().isEmpty() ? annotation.name()
					: !annotation.value().isEmpty() ? annotation.value() : parameter.getParameterName();
			if (name.equals(declared)) {
				Class<?> type = parameter.getNestedParameterType();
				return Number.class.isAssignableFrom(type) || type == long.class || type == int.class
						|| type == short.class;
			}
		}
		// Bound into a form bean or not bound at all: go by the name.
		return name.equals("id") || name.endsWith("Id");
	}

	// ---- the guard: a probe must leave the demo data as it found it

	/**
	 * One statement counting every table's rows (sessions aside: signing in and out
	 * writes them).
	 */
	private String rowCountQuery() {
		List<String> tables = jdbc.sql("""
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'
				  and table_name not like 'spring\\_session%' and table_name <> 'flyway_schema_history'
				order by table_name
				""").query(String.class).list();
		return tables.stream()
			.map(table -> "select '" + table + "' as t, count(*) as n from \"" + table + "\"")
			.collect(java.util.stream.Collectors.joining(" union all "));
	}

	/**
	 * Waits until the listeners that act after a commit (workflow rules, timeline,
	 * notifications) have done what earlier tests set off.
	 */
	private void awaitQuietListeners() throws InterruptedException {
		ThreadPoolTaskExecutor listeners = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
		long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while ((listeners.getActiveCount() > 0 || !listeners.getThreadPoolExecutor().getQueue().isEmpty())
				&& System.nanoTime() < until) {
			Thread.sleep(100);
		}
	}

	private static List<String> changes(Map<String, Long> before, Map<String, Long> after) {
		List<String> changes = new ArrayList<>();
		before.forEach((table, rows) -> {
			if (!rows.equals(after.get(table))) {
				changes.add(table + " (" + rows + " → " + after.get(table) + ")");
			}
		});
		return changes;
	}

	private Map<String, Long> rowCounts(String query) {
		Map<String, Long> counts = new TreeMap<>();
		jdbc.sql(query).query((rs, n) -> counts.put(rs.getString("t"), rs.getLong("n"))).list();
		return counts;
	}

	// ---- the table

	/** Endpoint → one value per caller, in column order. */
	private static Map<String, List<String>> readTable() throws IOException {
		Map<String, List<String>> table = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		String text;
		try (InputStream in = new ClassPathResource(TABLE).getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		int number = 0;
		boolean header = false;
		for (String raw : text.split("\n")) {
			number++;
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] cells = line.split(",", -1);
			if (!header) {
				header = true;
				if (!line.replace(" ", "").equals(HEADER)) {
					problems.add("line " + number + ": the header must be " + HEADER);
				}
				continue;
			}
			if (cells.length != Caller.values().length + 1) {
				problems.add("line " + number + ": needs " + (Caller.values().length + 1) + " cells: " + line);
				continue;
			}
			List<String> values = new ArrayList<>();
			for (int c = 1; c < cells.length; c++) {
				String value = cells[c].strip();
				if (!value.equals("allow") && !value.equals("deny")
						&& !(value.startsWith("skip:") && value.length() > "skip:".length())) {
					problems.add("line " + number + ": '" + value + "' is not allow, deny or skip:<reason>");
				}
				values.add(value);
			}
			String key = cells[0].strip();
			if (table.put(key, values) != null) {
				problems.add("line " + number + ": " + key + " is listed twice");
			}
		}
		if (!problems.isEmpty()) {
			fail(TABLE_IN_REPO + " can't be read:\n" + String.join("\n", problems));
		}
		return table;
	}

	private static void writeObserved(Map<String, String> lines, List<String> statuses) throws IOException {
		Path target = Path.of("target");
		Files.createDirectories(target);
		List<String> out = new ArrayList<>();
		out.add(HEADER);
		out.addAll(lines.values());
		Files.write(target.resolve("permission-matrix.observed.csv"), out, StandardCharsets.UTF_8);
		Set<String> sorted = new TreeSet<>(statuses);
		Files.write(target.resolve("permission-matrix.statuses.txt"), sorted, StandardCharsets.UTF_8);
		System.out.println("[permission-matrix] wrote " + target.toAbsolutePath() + "/permission-matrix.observed.csv");
	}

}
