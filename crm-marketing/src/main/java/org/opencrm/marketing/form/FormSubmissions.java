package org.opencrm.marketing.form;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.event.LeadCaptureRequested;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.marketing.EngagementRecorded;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Capturing what people submit on a published form ({@code /f/{slug}} or the API). A
 * valid submission is stored, handed to sales as a {@link LeadCaptureRequested}, counted
 * as an engagement, and put on the timeline of the contact with that e-mail address, if
 * one exists. Submissions are append-only rows nobody edits, written in SQL.
 */
@Service
@EnableConfigurationProperties(FormRateLimit.class)
public class FormSubmissions {

	/** The hidden field people never see and bots fill in. */
	public static final String HONEYPOT = "website";

	private static final Pattern PHONE = Pattern.compile("^[+0-9 ()./-]*$");

	private static final JsonMapper JSON = JsonMapper.shared();

	private final FormQueries forms;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TimelineService timeline;

	private final Clock clock;

	private final int rateLimit;

	private final Duration rateWindow;

	FormSubmissions(FormQueries forms, JdbcClient jdbc, ApplicationEventPublisher events, TimelineService timeline,
			Clock clock, FormRateLimit rateLimit) {
		this.forms = forms;
		this.jdbc = jdbc;
		this.events = events;
		this.timeline = timeline;
		this.clock = clock;
		this.rateLimit = rateLimit.max();
		this.rateWindow = rateLimit.window();
	}

	/**
	 * Takes a submission from the public form or the API. Only what gets through counts
	 * against the client address's rate limit (kept in the database, so it holds across
	 * nodes): accepted submissions and the honeypot's catches. A visitor who mistypes and
	 * corrects is not locked out, nor is everyone else behind their office's address.
	 */
	@Transactional
	public SubmissionResult submit(String slug, Map<String, String> values, String clientAddress) {
		LeadFormDetails form = forms.published(slug);
		String address = clientAddress == null || clientAddress.isBlank() ? "unknown"
				: clientAddress.substring(0, Math.min(64, clientAddress.length()));
		Instant now = clock.instant();
		if (!allowed(address, now)) {
			return new SubmissionResult(SubmissionResult.Outcome.RATE_LIMITED, Map.of(), null, null);
		}
		String honeypot = values.get(HONEYPOT);
		if (honeypot != null && !honeypot.isBlank()) {
			countHit(address, now);
			return new SubmissionResult(SubmissionResult.Outcome.IGNORED, Map.of(), form.thankYou(), null);
		}
		Map<String, String> clean = new LinkedHashMap<>();
		Map<String, String> errors = validate(form, values, clean);
		if (!errors.isEmpty()) {
			return new SubmissionResult(SubmissionResult.Outcome.INVALID, errors, null, null);
		}
		countHit(address, now);
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
					TimelineText.of("timeline.form.submitted", form.name()), TimelineText.quote(message), "marketing",
					"form-submission:" + id));
		}
		return new SubmissionResult(SubmissionResult.Outcome.ACCEPTED, Map.of(), form.thankYou(), id);
	}

	/**
	 * False when the address already made its allowance within the window. Holds the
	 * address's lock to the end of the transaction, so the hit this submission adds is
	 * counted before another one from the address is let through.
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
		return recent < rateLimit;
	}

	private void countHit(String address, Instant now) {
		jdbc.sql("insert into form_rate_hits (client_address, hit_at) values (?, ?)")
			.params(address, now.atOffset(ZoneOffset.UTC))
			.update();
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
				case EMAIL -> EmailAddress.isValid(v) ? null : "email.invalid";
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

}
