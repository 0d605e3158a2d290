package org.opencrm.sales.lead;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opencrm.core.csv.CsvDialect;
import org.opencrm.core.csv.CsvRecords;
import org.opencrm.core.csv.CsvRow;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.Visibility;
import org.springframework.stereotype.Service;

/**
 * Imports leads from CSV. The first line is a header naming the columns (any order, case
 * ignored):
 * {@code first_name, last_name, email, phone, company, title, industry, country,
 * company_size, source}; {@code last_name} is required, unknown columns are ignored. Each
 * row is saved in its own transaction, so a bad row is reported with its line number and
 * the good rows are still created. A row whose e-mail belongs to an existing lead or
 * contact, or to an earlier row of the file, is skipped.
 */
@Service
public class LeadImport {

	public static final int MAX_ROWS = 5_000;

	public static final List<String> COLUMNS = List.of("first_name", "last_name", "email", "phone", "company", "title",
			"industry", "country", "company_size", "source");

	static final int MAX_LINE_CHARS = 64 * 1024;

	private static final CsvDialect COMMA = new CsvDialect(java.nio.charset.StandardCharsets.UTF_8, false, ',');

	private final LeadService leads;

	private final LeadDuplicates duplicates;

	LeadImport(LeadService leads, LeadDuplicates duplicates) {
		this.leads = leads;
		this.duplicates = duplicates;
	}

	/**
	 * One line of the report: its number in the file, and what happened (a message key
	 * and an argument).
	 */
	public record RowResult(int line, String outcome, String message) {
	}

	public record Report(int created, int skipped, int failed, List<RowResult> problems) {
	}

	/** Not transactional on purpose: each row commits (or fails) alone. */
	public Report importCsv(Reader input, String defaultSource, Visibility visibility) throws IOException {
		try (CsvRecords reader = CsvRecords.open(input, COMMA, MAX_LINE_CHARS)) {
			return importRecords(reader, defaultSource, visibility);
		}
	}

	private Report importRecords(CsvRecords reader, String defaultSource, Visibility visibility) throws IOException {
		CsvRow head = reader.next();
		if (head == null) {
			throw new RuleViolationException("lead.import.empty", "The file is empty.");
		}
		List<String> header = head.fields();
		reader.expectFields(header.size());
		Map<String, Integer> columns = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace("\uFEFF", "");
			if (COLUMNS.contains(name)) {
				columns.putIfAbsent(name, i);
			}
		}
		if (!columns.containsKey("last_name")) {
			throw new RuleViolationException("lead.import.header",
					"The first line must name the columns, including last_name.");
		}
		int created = 0;
		int skipped = 0;
		int failed = 0;
		List<RowResult> problems = new ArrayList<>();
		Set<String> seenEmails = new HashSet<>();
		int rows = 0;
		CsvRow record;
		while ((record = reader.next()) != null) {
			int line = (int) record.line();
			if (!record.readable()) {
				failed++;
				problems.add(new RowResult(line, "failed",
						"The quote opened in column " + record.problemColumn() + " is not closed on this line."));
				continue;
			}
			if (record.fields().stream().allMatch(String::isBlank)) {
				continue;
			}
			if (++rows > MAX_ROWS) {
				problems.add(new RowResult(line, "failed", "Only the first " + MAX_ROWS + " rows are imported."));
				failed++;
				break;
			}
			try {
				LeadCommand cmd = toCommand(record.fields(), columns, defaultSource);
				String email = cmd.email() == null || cmd.email().isBlank() ? null
						: cmd.email().trim().toLowerCase(Locale.ROOT);
				if (email != null && !seenEmails.add(email)) {
					skipped++;
					problems.add(new RowResult(line, "skipped", "Same e-mail as an earlier row."));
					continue;
				}
				if (email != null && duplicates.find(email, null, "", null, null)
					.stream()
					.anyMatch(m -> "email".equals(m.reason()))) {
					skipped++;
					problems.add(new RowResult(line, "skipped", "A lead or contact with this e-mail exists."));
					continue;
				}
				leads.create(cmd, visibility);
				created++;
			}
			catch (RuleViolationException ex) {
				failed++;
				problems.add(new RowResult(line, "failed", ex.getMessage()));
			}
		}
		return new Report(created, skipped, failed, problems);
	}

	private static LeadCommand toCommand(List<String> record, Map<String, Integer> columns, String defaultSource) {
		Integer size = null;
		String sizeText = value(record, columns, "company_size");
		if (sizeText != null) {
			try {
				size = Integer.valueOf(sizeText.replace(",", "").replace(".", ""));
			}
			catch (NumberFormatException ex) {
				throw new RuleViolationException("lead.import.companySize", "company_size is not a whole number.");
			}
		}
		String source = value(record, columns, "source");
		return new LeadCommand(value(record, columns, "first_name"), value(record, columns, "last_name"),
				value(record, columns, "email"), value(record, columns, "phone"), value(record, columns, "company"),
				value(record, columns, "title"), value(record, columns, "industry"), value(record, columns, "country"),
				size, source == null ? defaultSource : source, null, null, null, 0);
	}

	private static String value(List<String> record, Map<String, Integer> columns, String name) {
		Integer i = columns.get(name);
		if (i == null || i >= record.size()) {
			return null;
		}
		String v = record.get(i).trim();
		return v.isEmpty() ? null : v;
	}

}
