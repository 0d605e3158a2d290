package org.opencrm.marketing.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencrm.core.health.CustomerHealth;
import org.opencrm.core.health.RfmSegment;
import org.opencrm.core.port.ContactCriterion;
import org.opencrm.core.shared.Like;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.marketing.segment.SegmentField.ValueType;
import org.opencrm.marketing.segment.SegmentMembers.MemberQuery;
import org.springframework.stereotype.Component;

/**
 * Turns a definition into one SQL statement over {@code contacts c}. Only whitelisted
 * fields and operators produce SQL, each from a fixed fragment; every value the user
 * typed travels as a positional parameter, so nothing typed is ever part of the
 * statement's text.
 */
@Component
class SegmentCompiler {

	static final int MAX_VALUES = 100;

	static final int MAX_VALUE_LENGTH = 200;

	private static final List<String> STAGES = java.util.Arrays.stream(LifecycleStage.values())
		.map(Enum::name)
		.toList();

	private static final String HEALTH = "exists (select 1 from customer_health h where h.account_id = c.account_id and ";

	private final Map<String, SegmentField> fields = new LinkedHashMap<>();

	private final Map<String, ContactCriterion> facts = new LinkedHashMap<>();

	private final Clock clock;

	SegmentCompiler(List<ContactCriterion> criteria, Clock clock) {
		this.clock = clock;
		add("stage", ValueType.STAGE, "in", "not_in");
		add("tags", ValueType.TAG, "any", "all", "none");
		add("industry", ValueType.TEXT, "in", "contains");
		add("country", ValueType.TEXT, "in", "not_in");
		add("title", ValueType.TEXT, "contains", "in");
		add("owner", ValueType.USER, "in", "is_empty");
		add("created", ValueType.DATE, "between", "last_days");
		add("last_activity", ValueType.DATE, "between", "last_days", "not_last_days");
		add("lead_score", ValueType.INTEGER, "between");
		add("email_consent", ValueType.BOOLEAN, "is");
		// Customer health of the contact's account (core's customer_health, computed on a
		// schedule).
		choice("rfm_segment", names(RfmSegment.values()), "health.rfm.", "in", "not_in");
		choice("health_band", names(CustomerHealth.Band.values()), "health.band.", "is");
		add("health_score", ValueType.INTEGER, "between");
		for (ContactCriterion c : criteria) {
			// A module's fact never shadows a built-in field.
			if (!fields.containsKey(c.key())) {
				facts.put(c.key(), c);
				fields.put(c.key(),
						new SegmentField(c.key(), c.labelCode(), List.of("has", "has_not"), ValueType.NONE));
			}
		}
	}

	private void add(String key, ValueType type, String... operators) {
		fields.put(key, new SegmentField(key, "segment.field." + key, List.of(operators), type));
	}

	private void choice(String key, List<String> choices, String labelPrefix, String... operators) {
		fields.put(key, new SegmentField(key, "segment.field." + key, List.of(operators), ValueType.CHOICE, choices,
				labelPrefix));
	}

	private static List<String> names(Enum<?>[] values) {
		return java.util.Arrays.stream(values).map(Enum::name).toList();
	}

	List<SegmentField> fields() {
		return List.copyOf(fields.values());
	}

	/** Checks a definition and lists everything wrong with it (empty when it's fine). */
	List<DefinitionProblem> check(SegmentNode.Group root) {
		try {
			compile(root);
			return List.of();
		}
		catch (InvalidSegmentDefinitionException ex) {
			return ex.problems();
		}
	}

	/**
	 * The members of a definition as
	 * {@code select c.id as contact_id from contacts c where …}. Relative dates ("in the
	 * last 30 days") are fixed against the clock now.
	 */
	MemberQuery compile(SegmentNode.Group root) {
		Sql sql = new Sql();
		List<DefinitionProblem> problems = new ArrayList<>();
		int[] criteria = { 0 };
		String where = group(root, "definition", sql, problems, criteria);
		if (criteria[0] > SegmentDefinitions.MAX_CRITERIA) {
			problems.add(new DefinitionProblem("definition", "segment.problem.tooMany",
					"A segment may have at most {0} criteria.", SegmentDefinitions.MAX_CRITERIA));
		}
		if (!problems.isEmpty()) {
			throw new InvalidSegmentDefinitionException(problems);
		}
		return new MemberQuery("select c.id as contact_id from contacts c where " + where,
				Collections.unmodifiableList(sql.params));
	}

	/** Collects the positional parameters in the order their {@code ?} appear. */
	private static final class Sql {

		final List<Object> params = new ArrayList<>();

		String placeholders(List<?> values) {
			params.addAll(values);
			return String.join(", ", Collections.nCopies(values.size(), "?"));
		}

		String param(Object value) {
			params.add(value);
			return "?";
		}

	}

	private String group(SegmentNode.Group g, String path, Sql sql, List<DefinitionProblem> problems, int[] criteria) {
		String op = g.op() == null ? "" : g.op().toUpperCase(Locale.ROOT);
		if (!op.equals("AND") && !op.equals("OR")) {
			problems.add(new DefinitionProblem(path + ".op", "segment.problem.op", "A group is AND or OR, not ‘{0}’.",
					g.op()));
		}
		if (g.items().isEmpty()) {
			return "true";
		}
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < g.items().size(); i++) {
			SegmentNode item = g.items().get(i);
			String itemPath = path + ".items[" + i + "]";
			if (item instanceof SegmentNode.Group child) {
				parts.add(group(child, itemPath, sql, problems, criteria));
			}
			else if (item instanceof SegmentNode.Criterion c) {
				criteria[0]++;
				String part = criterion(c, itemPath, sql, problems);
				parts.add(part == null ? "false" : part);
			}
		}
		return "(" + String.join(op.equals("OR") ? " or " : " and ", parts) + ")";
	}

	private String criterion(SegmentNode.Criterion c, String path, Sql sql, List<DefinitionProblem> problems) {
		SegmentField field = fields.get(c.field());
		if (field == null) {
			problems.add(
					new DefinitionProblem(path + ".field", "segment.problem.field", "Unknown field ‘{0}’.", c.field()));
			return null;
		}
		if (!field.operators().contains(c.operator())) {
			problems.add(new DefinitionProblem(path + ".operator", "segment.problem.operator",
					"‘{0}’ can’t be used with {1}; use one of {2}.", c.operator(), c.field(),
					String.join(", ", field.operators())));
			return null;
		}
		List<String> values = c.values().stream().map(String::trim).toList();
		int arity = SegmentField.arity(c.operator());
		String vpath = path + ".values";
		if (values.stream().anyMatch(v -> v.length() > MAX_VALUE_LENGTH)) {
			problems.add(new DefinitionProblem(vpath, "segment.problem.valueLength",
					"A value may be at most {0} characters long.", MAX_VALUE_LENGTH));
			return null;
		}
		if (arity == -1) {
			values = values.stream().filter(v -> !v.isEmpty()).distinct().toList();
			if (values.isEmpty()) {
				problems.add(new DefinitionProblem(vpath, "segment.problem.valuesMissing", "Give at least one value."));
				return null;
			}
			if (values.size() > MAX_VALUES) {
				problems.add(new DefinitionProblem(vpath, "segment.problem.valuesTooMany", "Give at most {0} values.",
						MAX_VALUES));
				return null;
			}
		}
		else if (arity == 2) {
			if (values.size() == 1) {
				values = List.of(values.get(0), "");
			}
			if (values.size() != 2 || values.stream().allMatch(String::isEmpty)) {
				problems.add(new DefinitionProblem(vpath, "segment.problem.range",
						"Give a lower bound, an upper bound or both."));
				return null;
			}
		}
		else if (values.size() != arity || (arity == 1 && values.get(0).isEmpty())) {
			problems.add(arity == 0
					? new DefinitionProblem(vpath, "segment.problem.noValues", "This operator takes no values.")
					: new DefinitionProblem(vpath, "segment.problem.oneValue", "Give exactly one value."));
			return null;
		}
		List<Object> typed = typed(field, field.valueTypeOf(c.operator()), values, vpath, problems);
		if (typed == null) {
			return null;
		}
		return fragment(field.key(), c.operator(), typed, sql);
	}

	/**
	 * Converts typed text to the parameter types the SQL compares with; null (and a
	 * problem) when one doesn't fit.
	 */
	private List<Object> typed(SegmentField field, ValueType type, List<String> values, String path,
			List<DefinitionProblem> problems) {
		List<Object> out = new ArrayList<>();
		for (String v : values) {
			if (v.isEmpty()) {
				out.add(null);
				continue;
			}
			try {
				out.add(switch (type) {
					case STAGE -> {
						String stage = v.toUpperCase(Locale.ROOT);
						if (!STAGES.contains(stage)) {
							throw new IllegalArgumentException();
						}
						yield stage;
					}
					case TEXT, TAG -> v.toLowerCase(Locale.ROOT);
					case CHOICE -> {
						String choice = v.toUpperCase(Locale.ROOT);
						if (!field.choices().contains(choice)) {
							throw new IllegalArgumentException();
						}
						yield choice;
					}
					case USER -> Long.parseLong(v);
					case DATE -> LocalDate.parse(v);
					case INTEGER -> {
						long n = Long.parseLong(v);
						if (Math.abs(n) > 1_000_000) {
							throw new IllegalArgumentException();
						}
						yield n;
					}
					case BOOLEAN -> {
						if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
							throw new IllegalArgumentException();
						}
						yield Boolean.valueOf(v.toLowerCase(Locale.ROOT));
					}
					case NONE -> throw new IllegalArgumentException();
				});
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				problems
					.add(new DefinitionProblem(path, "segment.problem.value." + type.name().toLowerCase(Locale.ROOT),
							"‘{0}’ is not a valid value here.", v));
				return null;
			}
		}
		return out;
	}

	private String fragment(String field, String op, List<Object> v, Sql sql) {
		switch (field) {
			case "stage":
				return "c.lifecycle_stage " + (op.equals("in") ? "in" : "not in") + " (" + sql.placeholders(v) + ")";
			case "tags": {
				String array = "array[" + sql.placeholders(v) + "]::text[]";
				return switch (op) {
					case "any" -> "c.tags && " + array;
					case "all" -> "c.tags @> " + array;
					default -> "not (c.tags && " + array + ")";
				};
			}
			case "industry":
				return "exists (select 1 from accounts a where a.id = c.account_id and "
						+ (op.equals("in") ? "lower(a.industry) in (" + sql.placeholders(v) + ")"
								: "a.industry ilike " + sql.param(Like.containing((String) v.get(0))))
						+ ")";
			case "country":
				return op.equals("in") ? "lower(c.country) in (" + sql.placeholders(v) + ")"
						: "(c.country is null or lower(c.country) not in (" + sql.placeholders(v) + "))";
			case "title":
				return op.equals("in") ? "lower(c.title) in (" + sql.placeholders(v) + ")"
						: "c.title ilike " + sql.param(Like.containing((String) v.get(0)));
			case "owner":
				return op.equals("in") ? "c.owner_id in (" + sql.placeholders(v) + ")" : "c.owner_id is null";
			case "created":
				return time("c.created_at", op, v, sql);
			case "last_activity":
				return time("c.last_activity_at", op, v, sql);
			case "lead_score": {
				String range = range("s.score", v, sql);
				String byContact = "exists (select 1 from scored_leads s where s.contact_id = c.id and " + range + ")";
				String byEmail = "exists (select 1 from scored_leads s where lower(s.email) = lower(c.email) and "
						+ range("s.score", v, sql) + ")";
				return "(" + byContact + " or " + byEmail + ")";
			}
			case "email_consent":
				return "c.consent_email = " + sql.param(v.get(0));
			// Contacts without an account, or whose account's health isn't computed yet,
			// match none of
			// these (and so do match "not in").
			case "rfm_segment": {
				String in = HEALTH + "h.rfm_segment in (" + sql.placeholders(v) + "))";
				return op.equals("in") ? in : "not " + in;
			}
			case "health_band":
				return HEALTH + "h.band = " + sql.param(v.get(0)) + ")";
			case "health_score":
				return HEALTH + range("h.score", v, sql) + ")";
			default: {
				String fact = "(" + facts.get(field).sql("c.id") + ")";
				return op.equals("has") ? fact : "not " + fact;
			}
		}
	}

	private String time(String column, String op, List<Object> v, Sql sql) {
		if (op.equals("between")) {
			List<String> parts = new ArrayList<>();
			if (v.get(0) != null) {
				parts.add(column + " >= " + sql.param(startOfDay((LocalDate) v.get(0))));
			}
			if (v.get(1) != null) {
				parts.add(column + " < " + sql.param(startOfDay(((LocalDate) v.get(1)).plusDays(1))));
			}
			return "(" + String.join(" and ", parts) + ")";
		}
		long days = Math.max(0, (Long) v.get(0));
		OffsetDateTime since = clock.instant().minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC);
		return op.equals("last_days") ? column + " >= " + sql.param(since)
				: "(" + column + " is null or " + column + " < " + sql.param(since) + ")";
	}

	private static String range(String column, List<Object> v, Sql sql) {
		List<String> parts = new ArrayList<>();
		if (v.get(0) != null) {
			parts.add(column + " >= " + sql.param(((Long) v.get(0)).intValue()));
		}
		if (v.get(1) != null) {
			parts.add(column + " <= " + sql.param(((Long) v.get(1)).intValue()));
		}
		return String.join(" and ", parts);
	}

	private static OffsetDateTime startOfDay(LocalDate day) {
		return day.atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	Instant now() {
		return clock.instant();
	}

}
