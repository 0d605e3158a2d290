package org.opencrm.web.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.opencrm.core.report.ReportFilter;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The report filter as typed (query parameters {@code from}, {@code to}, {@code team},
 * {@code user}): text, so a malformed date or id becomes a message on the page instead of
 * a "bad request" error.
 */
record ReportFilterForm(String from, String to, String team, String user) {

	static ReportFilterForm of(ReportFilter f) {
		return new ReportFilterForm(f.from() == null ? null : f.from().toString(),
				f.to() == null ? null : f.to().toString(), f.teamId() == null ? null : f.teamId().toString(),
				f.userId() == null ? null : f.userId().toString());
	}

	/** The filter, or a rule violation saying what is wrong with it. */
	ReportFilter toFilter() {
		return new ReportFilter(date(from), date(to), id(team, "report.filter.unknownTeam"),
				id(user, "report.filter.unknownUser"));
	}

	/**
	 * The same filter as a query string ({@code ?from=...}), empty when nothing is set.
	 */
	String query() {
		UriComponentsBuilder b = UriComponentsBuilder.newInstance();
		add(b, "from", from);
		add(b, "to", to);
		add(b, "team", team);
		add(b, "user", user);
		String q = b.build().encode().toUriString();
		return q.isEmpty() ? "" : q;
	}

	private static void add(UriComponentsBuilder b, String name, String value) {
		if (value != null && !value.isBlank()) {
			b.queryParam(name, value.strip());
		}
	}

	private static LocalDate date(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new RuleViolationException("report.filter.badDate", "Dates look like 2026-11-24.", text.strip());
		}
	}

	private static Long id(String text, String code) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new RuleViolationException(code, "Unknown.", text.strip());
		}
	}
}
