package org.opencrm.marketing.form;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.event.LeadCaptureRequested;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.marketing.EngagementRecorded;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Web-to-lead forms: marketers design them, anyone may submit them at {@code /f/{slug}}.
 * A valid submission is stored, handed to sales as a {@link LeadCaptureRequested},
 * counted as an engagement, and put on the timeline of the contact with that e-mail
 * address, if one exists.
 */
@Service
@EnableConfigurationProperties(FormRateLimit.class)
public class FormService {

	static final String AUDIT_TYPE = "lead-form";

	/** The hidden field people never see and bots fill in. */
	public static final String HONEYPOT = "website";

	private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final Pattern PHONE = Pattern.compile("^[+0-9 ()./-]*$");

	private static final JsonMapper JSON = JsonMapper.shared();

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TimelineService timeline;

	private final AuditTrail audit;

	private final Clock clock;

	private final int rateLimit;

	private final Duration rateWindow;

	FormService(JdbcClient jdbc, ApplicationEventPublisher events, TimelineService timeline, AuditTrail audit,
			Clock clock, FormRateLimit rateLimit) {
		this.jdbc = jdbc;
		this.events = events;
		this.timeline = timeline;
		this.audit = audit;
		this.clock = clock;
		this.rateLimit = rateLimit.max();
		this.rateWindow = rateLimit.window();
	}

	@Transactional(readOnly = true)
	public KeysetPage<LeadFormSummary> list(String cursor, int pageSize) {
		SqlWhere where = new SqlWhere();
		var total = where.cappedCount(jdbc, "lead_forms f");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.text("f.sort_name");
		String orderBy = sort.orderBy(where, c, "f.id");
		String sql = """
				select f.id, f.name, f.slug, f.active, f.campaign_id,
				       (select max(s.submitted_at) from form_submissions s where s.form_id = f.id) as last_submitted_at,
				       f.sort_name as sort_key
				from lead_forms f""" + where.sql() + orderBy + " limit :limit";
		List<LeadFormSummary> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query((rs, n) -> new LeadFormSummary(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
					rs.getBoolean("active"), rs.getObject("campaign_id", Long.class),
					instantOrNull(rs, "last_submitted_at"), rs.getString("sort_key")))
			.list();
		return Keyset.page(rows, pageSize, c, LeadFormSummary::sortKey, LeadFormSummary::id, total);
	}

	@Transactional(readOnly = true)
	public LeadFormDetails details(long id) {
		return jdbc.sql("select * from lead_forms where id = ?")
			.param(id)
			.query(FormService::details)
			.optional()
			.orElseThrow(() -> new NotFoundException("Form", id));
	}

	/**
	 * The active form published under a slug; {@link NotFoundException} for none or an
	 * inactive one.
	 */
	@Transactional(readOnly = true)
	public LeadFormDetails published(String slug) {
		return jdbc.sql("select * from lead_forms where slug = ? and active")
			.param(slug == null ? "" : slug)
			.query(FormService::details)
			.optional()
			.orElseThrow(() -> new NotFoundException("Form", slug));
	}

	private static LeadFormDetails details(ResultSet rs, int n) throws SQLException {
		return new LeadFormDetails(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
				fieldsFromJson(rs.getString("fields")), rs.getString("thank_you"),
				rs.getObject("campaign_id", Long.class), rs.getBoolean("active"), rs.getLong("version"),
				instantOrNull(rs, "created_at"), instantOrNull(rs, "updated_at"));
	}

	@Transactional
	public long create(LeadFormCommand cmd) {
		check(cmd, null);
		long id = jdbc.sql("""
				insert into lead_forms (name, slug, fields, thank_you, campaign_id, active)
				values (?, ?, cast(? as jsonb), ?, ?, ?) returning id
				""")
			.params(cmd.name().trim(), cmd.slug().trim(), fieldsToJson(cmd.fields()), cmd.thankYou().trim(),
					cmd.campaignId(), cmd.active())
			.query(Long.class)
			.single();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	@Transactional
	public void update(long id, LeadFormCommand cmd) {
		LeadFormDetails current = details(id);
		if (current.version() != cmd.version()) {
			throw new StaleEditException("Form", id, cmd.version(), current.version());
		}
		check(cmd, id);
		int n = jdbc.sql("""
				update lead_forms set name = ?, slug = ?, fields = cast(? as jsonb), thank_you = ?, campaign_id = ?,
				       active = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				""")
			.params(cmd.name().trim(), cmd.slug().trim(), fieldsToJson(cmd.fields()), cmd.thankYou().trim(),
					cmd.campaignId(), cmd.active(), id, cmd.version())
			.update();
		if (n == 0) {
			throw new StaleEditException("Form", id, cmd.version(), cmd.version() + 1);
		}
		audit.changed(AUDIT_TYPE, id, snapshot(current.name(), current.slug(), current.active()),
				snapshot(cmd.name().trim(), cmd.slug().trim(), cmd.active()));
	}

	private static Map<String, String> snapshot(String name, String slug, boolean active) {
		Map<String, String> m = new HashMap<>();
		m.put("name", name);
		m.put("slug", slug);
		m.put("active", String.valueOf(active));
		return m;
	}

	/**
	 * The design rules: a name and slug nobody else uses, an e-mail field that is
	 * required, a thank-you text.
	 */
	private void check(LeadFormCommand cmd, Long id) {
		if (cmd.name() == null || cmd.name().isBlank() || cmd.name().trim().length() > 150) {
			throw new RuleViolationException("form.rule.name", "A form needs a name of at most 150 characters.");
		}
		if (cmd.slug() == null || !SLUG.matcher(cmd.slug().trim()).matches() || cmd.slug().trim().length() > 80) {
			throw new RuleViolationException("form.rule.slug",
					"The address may hold lower-case letters, digits and single hyphens (at most 80).");
		}
		if (cmd.thankYou() == null || cmd.thankYou().isBlank() || cmd.thankYou().length() > 1000) {
			throw new RuleViolationException("form.rule.thankYou", "Write a thank-you text (at most 1000 characters).");
		}
		List<FormFieldSpec> fields = cmd.fields() == null ? List.of() : cmd.fields();
		if (fields.stream().map(FormFieldSpec::field).distinct().count() != fields.size()) {
			throw new RuleViolationException("form.rule.duplicateField", "Each field may appear once.");
		}
		if (fields.stream().noneMatch(f -> f.field() == FormField.EMAIL && f.required())) {
			throw new RuleViolationException("form.rule.email",
					"Every form asks for the e-mail address, as a required field: leads are matched by it.");
		}
		if (fields.stream().anyMatch(f -> f.label() != null && f.label().length() > 100)) {
			throw new RuleViolationException("form.rule.label", "Labels may be at most 100 characters long.");
		}
		long except = id == null ? -1 : id;
		if (jdbc.sql("select count(*) from lead_forms where slug = ? and id <> ?")
			.params(cmd.slug().trim(), except)
			.query(Long.class)
			.single() > 0) {
			throw new RuleViolationException("form.rule.slugTaken", "Another form already uses the address {0}.",
					cmd.slug().trim());
		}
		if (jdbc.sql("select count(*) from lead_forms where lower(name) = lower(?) and id <> ?")
			.params(cmd.name().trim(), except)
			.query(Long.class)
			.single() > 0) {
			throw new RuleViolationException("form.rule.nameTaken", "Another form is already named {0}.",
					cmd.name().trim());
		}
	}

	/**
	 * Takes a submission from the public form or the API. The attempt counts against the
	 * client address's rate limit (kept in the database, so it holds across nodes)
	 * whatever its outcome.
	 */
	@Transactional
	public SubmissionResult submit(String slug, Map<String, String> values, String clientAddress) {
		LeadFormDetails form = published(slug);
		String address = clientAddress == null || clientAddress.isBlank() ? "unknown"
				: clientAddress.substring(0, Math.min(64, clientAddress.length()));
		Instant now = clock.instant();
		if (!allowed(address, now)) {
			return new SubmissionResult(SubmissionResult.Outcome.RATE_LIMITED, Map.of(), null, null);
		}
		String honeypot = values.get(HONEYPOT);
		if (honeypot != null && !honeypot.isBlank()) {
			return new SubmissionResult(SubmissionResult.Outcome.IGNORED, Map.of(), form.thankYou(), null);
		}
		Map<String, String> clean = new LinkedHashMap<>();
		Map<String, String> errors = validate(form, values, clean);
		if (!errors.isEmpty()) {
			return new SubmissionResult(SubmissionResult.Outcome.INVALID, errors, null, null);
		}
		String email = clean.get(FormField.EMAIL.param()).toLowerCase(Locale.ROOT);
		clean.put(FormField.EMAIL.param(), email);
		Long contactId = jdbc.sql("select id from contacts where lower(email) = ? order by id limit 1")
			.param(email)
			.query(Long.class)
			.optional()
			.orElse(null);
		long id = jdbc.sql("""
				insert into form_submissions (form_id, submitted_at, email, first_name, last_name, company, data,
				                              client_address, contact_id)
				values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?) returning id
				""")
			.params(form.id(), now.atOffset(ZoneOffset.UTC), email, clean.get("firstName"), clean.get("lastName"),
					clean.get("company"), JSON.writeValueAsString(clean), address, contactId)
			.query(Long.class)
			.single();
		String size = clean.get(FormField.COMPANY_SIZE.param());
		events.publishEvent(new LeadCaptureRequested("web-form", form.name(), form.campaignId(), clean.get("firstName"),
				clean.get("lastName"), email, clean.get("phone"), clean.get("company"), clean.get("title"),
				clean.get("industry"), clean.get("country"), size == null ? null : Integer.valueOf(size),
				clean.get("message"), now));
		events.publishEvent(new EngagementRecorded(contactId, email, EngagementRecorded.Type.FORM_SUBMITTED,
				form.campaignId(), now));
		if (contactId != null) {
			String message = clean.get("message");
			timeline.record(new RecordInteraction(InteractionKind.FORM, now, null, contactId,
					"Form submitted: " + form.name(), message, "marketing", "form-submission:" + id));
		}
		return new SubmissionResult(SubmissionResult.Outcome.ACCEPTED, Map.of(), form.thankYou(), id);
	}

	/**
	 * Counts this attempt; false when the address already made its allowance within the
	 * window.
	 */
	private boolean allowed(String address, Instant now) {
		// Serialises attempts from one address across nodes, so two at once can't both
		// slip under the limit.
		jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
			.param("form-rate:" + address)
			.query(Object.class)
			.optional();
		OffsetDateTime since = now.minus(rateWindow).atOffset(ZoneOffset.UTC);
		// Expired hits of every address go, so addresses that never come back don't pile
		// up.
		jdbc.sql("delete from form_rate_hits where hit_at < ?").param(since).update();
		long recent = jdbc.sql("select count(*) from form_rate_hits where client_address = ? and hit_at >= ?")
			.params(address, since)
			.query(Long.class)
			.single();
		if (recent >= rateLimit) {
			return false;
		}
		jdbc.sql("insert into form_rate_hits (client_address, hit_at) values (?, ?)")
			.params(address, now.atOffset(ZoneOffset.UTC))
			.update();
		return true;
	}

	/**
	 * Field parameter → message key for everything wrong; fills {@code clean} with the
	 * trimmed values.
	 */
	private static Map<String, String> validate(LeadFormDetails form, Map<String, String> values,
			Map<String, String> clean) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FormFieldSpec spec : form.fields()) {
			FormField f = spec.field();
			String raw = values.get(f.param());
			String v = raw == null ? "" : raw.trim();
			if (v.isEmpty()) {
				if (spec.required()) {
					errors.put(f.param(), "form.error.required");
				}
				continue;
			}
			if (v.length() > f.maxLength()) {
				errors.put(f.param(), "form.error.tooLong");
				continue;
			}
			String error = switch (f) {
				case EMAIL -> EMAIL.matcher(v).matches() ? null : "form.error.email";
				case PHONE -> PHONE.matcher(v).matches() ? null : "form.error.phone";
				case COMPANY_SIZE -> companySize(v) ? null : "form.error.companySize";
				default -> null;
			};
			if (error != null) {
				errors.put(f.param(), error);
			}
			else {
				clean.put(f.param(), v);
			}
		}
		return errors;
	}

	private static boolean companySize(String v) {
		try {
			int n = Integer.parseInt(v);
			return n >= 0 && n <= 10_000_000;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** A form's submissions, newest first. */
	@Transactional(readOnly = true)
	public KeysetPage<FormSubmissionRow> submissions(long formId, String cursor, int pageSize) {
		details(formId);
		SqlWhere where = new SqlWhere().and("s.form_id = :form", "form", formId);
		var total = where.cappedCount(jdbc, "form_submissions s");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.newestFirst("s.submitted_at");
		String orderBy = sort.orderBy(where, c, "s.id");
		String sql = "select s.id, s.submitted_at, s.email, s.first_name, s.last_name, s.company, s.contact_id, "
				+ "s.data::text as data, " + sort.keyExpression() + " as sort_key from form_submissions s" + where.sql()
				+ orderBy + " limit :limit";
		List<FormSubmissionRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query((rs, n) -> new FormSubmissionRow(rs.getLong("id"), instantOrNull(rs, "submitted_at"),
					rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
					rs.getString("company"), rs.getObject("contact_id", Long.class),
					JSON.readValue(rs.getString("data"), STRING_MAP), rs.getString("sort_key")))
			.list();
		return Keyset.page(rows, pageSize, c, FormSubmissionRow::sortKey, FormSubmissionRow::id, total);
	}

	/** The id of the form published under a slug (active or not), for the staff API. */
	@Transactional(readOnly = true)
	public long idOf(String slug) {
		return jdbc.sql("select id from lead_forms where slug = ?")
			.param(slug == null ? "" : slug)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Form", slug));
	}

	private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static String fieldsToJson(List<FormFieldSpec> fields) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (FormFieldSpec f : fields) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("field", f.field().name());
			m.put("label", f.label() == null ? "" : f.label().trim());
			m.put("required", f.required());
			out.add(m);
		}
		return JSON.writeValueAsString(out);
	}

	private static List<FormFieldSpec> fieldsFromJson(String json) {
		List<FormFieldSpec> out = new ArrayList<>();
		for (var node : JSON.readTree(json).values()) {
			out.add(new FormFieldSpec(FormField.valueOf(node.get("field").asString()), node.get("label").asString(),
					node.get("required").booleanValue()));
		}
		return out;
	}

}
