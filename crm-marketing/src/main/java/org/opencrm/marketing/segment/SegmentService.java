package org.opencrm.marketing.segment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opencrm.core.csv.CsvDialect;
import org.opencrm.core.csv.CsvRecords;
import org.opencrm.core.csv.CsvRow;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to segments: dynamic ones (a definition PostgreSQL evaluates) and static lists
 * (members uploaded from CSV or added by hand). A segment is an aggregate
 * ({@link Segment}: its rules, one write path through {@link SegmentRepository} that
 * checks its version); this service adds what spans segments (a unique name), the audit
 * trail and the member rows of static lists, written in SQL in bulk. Reads are
 * {@link SegmentQuery}'s.
 */
@Service
public class SegmentService {

	static final String AUDIT_TYPE = "segment";

	/** The most lines one CSV upload may hold. */
	public static final int MAX_IMPORT_LINES = 50_000;

	static final int MAX_LINE_CHARS = 64 * 1024;

	private final JdbcClient jdbc;

	private final SegmentRepository segments;

	private final SegmentCompiler compiler;

	private final AuditTrail audit;

	SegmentService(JdbcClient jdbc, SegmentRepository segments, SegmentCompiler compiler, AuditTrail audit) {
		this.jdbc = jdbc;
		this.segments = segments;
		this.compiler = compiler;
		this.audit = audit;
	}

	/**
	 * Creates a segment; a dynamic one's definition must check out
	 * ({@link InvalidSegmentDefinitionException}).
	 * @throws RuleViolationException {@code segment.name.required},
	 * {@code segment.kind.required}, {@code segment.name.taken}
	 */
	@Transactional
	public long create(SegmentCommand cmd) {
		Segment segment = new Segment(cmd, compiler, Actor.currentIdOrNull());
		requireFreeName(cmd, -1L);
		long id = segments.saveAndFlush(segment).getId();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	/**
	 * Changes name, description and (dynamic) definition; a stale version conflicts. The
	 * kind stays.
	 */
	@Transactional
	public void update(long id, SegmentCommand cmd) {
		Segment segment = load(id);
		segment.checkVersion(cmd.version());
		// Before the change: the look-up is a query, and Hibernate would flush a taken
		// name first.
		requireFreeName(cmd, id);
		var before = segment.snapshot();
		segment.change(cmd, compiler);
		// Flush now so a concurrent save fails here, as a version conflict.
		segments.flush();
		audit.changed(AUDIT_TYPE, id, before, segment.snapshot());
	}

	@Transactional
	public void delete(long id, long version) {
		Segment segment = load(id);
		segment.checkVersion(version);
		try {
			segments.delete(segment);
			segments.flush();
		}
		catch (DataIntegrityViolationException ex) {
			// Campaigns and sequences point at their segment: it stays while they do.
			throw new RuleViolationException("segment.inUse", "Campaigns or sequences still use this segment.");
		}
		audit.deleted(AUDIT_TYPE, id);
	}

	private Segment load(long id) {
		return segments.findById(id).orElseThrow(() -> new NotFoundException("Segment", id));
	}

	/** A name names one segment, in any case: a rule across segments, so it is here. */
	private void requireFreeName(SegmentCommand cmd, long exceptId) {
		String name = Segment.nameOf(cmd);
		if (segments.nameTaken(name, exceptId)) {
			throw new RuleViolationException("segment.name.taken", "There is already a segment named {0}.", name);
		}
	}

	/**
	 * Adds the contact with this e-mail address to a static list; false when it was a
	 * member already.
	 */
	@Transactional
	public boolean addMemberByEmail(long segmentId, String email) {
		requireStatic(segmentId);
		String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
		Long contactId = jdbc.sql("select id from contacts where lower(email) = ? order by id limit 1")
			.param(e)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new RuleViolationException("segment.member.unknownEmail",
					"No contact has the e-mail address {0}.", e));
		return add(segmentId, contactId);
	}

	@Transactional
	public boolean addMember(long segmentId, long contactId) {
		requireStatic(segmentId);
		if (jdbc.sql("select count(*) from contacts where id = ?").param(contactId).query(Long.class).single() == 0) {
			throw new NotFoundException("Contact", contactId);
		}
		return add(segmentId, contactId);
	}

	private boolean add(long segmentId, long contactId) {
		return jdbc.sql("insert into segment_members (segment_id, contact_id) values (?, ?) on conflict do nothing")
			.params(segmentId, contactId)
			.update() == 1;
	}

	@Transactional
	public void removeMember(long segmentId, long contactId) {
		requireStatic(segmentId);
		jdbc.sql("delete from segment_members where segment_id = ? and contact_id = ?")
			.params(segmentId, contactId)
			.update();
	}

	/** The upload's records (Commons CSV; delimiter from the first line), capped. */
	private static List<CsvRow> readCsv(String csv) {
		List<CsvRow> rows = new ArrayList<>();
		if (csv == null || csv.isBlank()) {
			return rows;
		}
		try (CsvRecords records = CsvRecords.open(new StringReader(csv), CsvDialect.ofText(csv), MAX_LINE_CHARS)) {
			CsvRow row;
			while ((row = records.next()) != null) {
				if (rows.size() > MAX_IMPORT_LINES) {
					throw new RuleViolationException("segment.import.tooLarge", "Upload at most {0} lines at a time.",
							MAX_IMPORT_LINES);
				}
				rows.add(row);
				if (rows.size() == 1) {
					records.expectFields(row.fields().size());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/**
	 * Adds the contacts named by e-mail in a CSV upload to a static list. The column
	 * headed {@code email} (any case; the first column when no header says so) is matched
	 * to contacts' e-mail addresses; every line that matches none is reported with why.
	 */
	@Transactional
	public ListImport importCsv(long segmentId, String csv) {
		requireStatic(segmentId);
		List<CsvRow> rows = readCsv(csv);
		int column = 0;
		int first = 0;
		if (!rows.isEmpty() && rows.get(0).readable()) {
			List<String> header = rows.get(0).fields();
			for (int i = 0; i < header.size(); i++) {
				String h = header.get(i).trim().toLowerCase(Locale.ROOT).replace("-", "");
				if (h.equals("email") || h.equals("emailaddress") || h.equals("e-mail")) {
					column = i;
					first = 1;
					break;
				}
			}
		}
		List<ListImport.Unmatched> unmatched = new ArrayList<>();
		Map<String, List<Integer>> byEmail = new java.util.LinkedHashMap<>();
		Map<Integer, String> text = new HashMap<>();
		for (int i = first; i < rows.size(); i++) {
			CsvRow row = rows.get(i);
			int lineNo = (int) row.line();
			String line = row.readable() ? String.join(",", row.fields()) : row.raw();
			text.put(lineNo, line.length() > 200 ? line.substring(0, 200) + "…" : line);
			if (!row.readable()) {
				unmatched.add(new ListImport.Unmatched(lineNo, text.get(lineNo), row.problem()));
				continue;
			}
			String email = row.value(column) == null ? "" : row.value(column).toLowerCase(Locale.ROOT);
			if (email.isEmpty()) {
				unmatched.add(new ListImport.Unmatched(lineNo, text.get(lineNo), "segment.import.noEmail"));
			}
			else if (!EmailAddress.isValid(email)) {
				unmatched.add(new ListImport.Unmatched(lineNo, text.get(lineNo), "email.invalid"));
			}
			else {
				byEmail.computeIfAbsent(email, k -> new ArrayList<>()).add(lineNo);
			}
		}
		Map<String, Long> contacts = contactsByEmail(new ArrayList<>(byEmail.keySet()));
		int added = 0;
		int already = 0;
		Set<Long> seen = new HashSet<>();
		for (Map.Entry<String, List<Integer>> e : byEmail.entrySet()) {
			Long contactId = contacts.get(e.getKey());
			if (contactId == null) {
				e.getValue()
					.forEach(l -> unmatched.add(new ListImport.Unmatched(l, text.get(l), "segment.import.noContact")));
				continue;
			}
			if (!seen.add(contactId)) {
				continue;
			}
			if (add(segmentId, contactId)) {
				added++;
			}
			else {
				already++;
			}
		}
		unmatched.sort(java.util.Comparator.comparingInt(ListImport.Unmatched::line));
		return new ListImport(added, already, unmatched);
	}

	private Map<String, Long> contactsByEmail(List<String> emails) {
		Map<String, Long> found = new HashMap<>();
		for (int from = 0; from < emails.size(); from += 500) {
			List<String> chunk = emails.subList(from, Math.min(emails.size(), from + 500));
			String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
			jdbc.sql("select lower(email) as email, min(id) as id from contacts where lower(email) in (" + in
					+ ") group by lower(email)")
				.params(new ArrayList<Object>(chunk))
				.query((rs, n) -> found.put(rs.getString("email"), rs.getLong("id")))
				.list();
		}
		return found;
	}

	private void requireStatic(long segmentId) {
		load(segmentId).requireStatic();
	}

}
