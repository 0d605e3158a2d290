package org.opencrm.sales.lead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
		BufferedReader reader = new BufferedReader(input);
		List<String> header = readRecord(reader);
		if (header == null) {
			throw new RuleViolationException("lead.import.empty", "The file is empty.");
		}
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
		int nextLine = 2;
		int rows = 0;
		List<String> record;
		while ((record = readRecord(reader)) != null) {
			// Report the line the row starts on in the file; a quoted field may span
			// lines.
			int line = nextLine;
			nextLine += 1 + record.stream().mapToInt(f -> (int) f.chars().filter(ch -> ch == '\n').count()).sum();
			if (record.stream().allMatch(String::isBlank)) {
				continue;
			}
			if (++rows > MAX_ROWS) {
				problems.add(new RowResult(line, "failed", "Only the first " + MAX_ROWS + " rows are imported."));
				failed++;
				break;
			}
			try {
				LeadCommand cmd = toCommand(record, columns, defaultSource);
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

	/**
	 * Reads one CSV record (RFC 4180: quoted fields may hold commas, quotes and line
	 * breaks); null at the end.
	 */
	static List<String> readRecord(BufferedReader reader) throws IOException {
		int ch = reader.read();
		if (ch == -1) {
			return null;
		}
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		while (ch != -1) {
			char c = (char) ch;
			if (quoted) {
				if (c == '"') {
					reader.mark(1);
					int next = reader.read();
					if (next == '"') {
						field.append('"');
					}
					else {
						quoted = false;
						if (next == -1) {
							break;
						}
						reader.reset();
					}
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"' && field.isEmpty()) {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n') {
				break;
			}
			else if (c != '\r') {
				field.append(c);
			}
			ch = reader.read();
		}
		fields.add(field.toString());
		return fields;
	}

}
