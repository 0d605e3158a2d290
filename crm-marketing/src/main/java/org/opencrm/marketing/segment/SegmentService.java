package org.opencrm.marketing.segment;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Segments: dynamic ones (a definition PostgreSQL evaluates) and static lists (members
 * uploaded from CSV or added by hand). Also the {@link SegmentMembers} campaigns and
 * sequences read.
 */
@Service
public class SegmentService implements SegmentMembers {

	static final String AUDIT_TYPE = "segment";

	public static final int PREVIEW_ROWS = 20;

	/** The most lines one CSV upload may hold. */
	public static final int MAX_IMPORT_LINES = 50_000;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final String MEMBER_SELECT = """
			select c.id, c.first_name, c.last_name, c.email, c.account_id, a.name as account_name,
			       c.lifecycle_stage, c.sort_name as sort_key
			from contacts c
			join (%s) m on m.contact_id = c.id
			left join accounts a on a.id = c.account_id
			""";

	private final JdbcClient jdbc;

	private final SegmentCompiler compiler;

	private final AuditTrail audit;

	SegmentService(JdbcClient jdbc, SegmentCompiler compiler, AuditTrail audit) {
		this.jdbc = jdbc;
		this.compiler = compiler;
		this.audit = audit;
	}

	/**
	 * The fields a definition may use, built-in ones first, then other modules' facts.
	 */
	public List<SegmentField> fields() {
		return compiler.fields();
	}

	/** Everything wrong with a definition; empty when it can be saved. */
	public List<DefinitionProblem> check(SegmentNode.Group definition) {
		return compiler.check(definition);
	}

	@Transactional(readOnly = true)
	public KeysetPage<SegmentSummary> list(SegmentKind kind, String cursor, int pageSize) {
		SqlWhere where = new SqlWhere();
		if (kind != null) {
			where.and("s.kind = :kind", "kind", kind.name());
		}
		var total = where.cappedCount(jdbc, "segments s");
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.text("s.sort_name");
		String orderBy = sort.orderBy(where, c, "s.id");
		String sql = "select s.id, s.name, s.kind, s.description, s.updated_at, s.sort_name as sort_key from segments s"
				+ where.sql() + orderBy + " limit :limit";
		List<SegmentSummary> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query((rs, n) -> new SegmentSummary(rs.getLong("id"), rs.getString("name"),
					SegmentKind.valueOf(rs.getString("kind")), rs.getString("description"),
					instantOrNull(rs, "updated_at"), rs.getString("sort_key")))
			.list();
		return Keyset.page(rows, pageSize, c, SegmentSummary::sortKey, SegmentSummary::id, total);
	}

	@Transactional(readOnly = true)
	public SegmentDetails details(long id) {
		return jdbc.sql("select * from segments where id = ?")
			.param(id)
			.query(DETAILS)
			.optional()
			.orElseThrow(() -> new NotFoundException("Segment", id));
	}

	private static final RowMapper<SegmentDetails> DETAILS = (rs, n) -> new SegmentDetails(rs.getLong("id"),
			rs.getString("name"), rs.getString("description"), SegmentKind.valueOf(rs.getString("kind")),
			SegmentDefinitions.parse(rs.getString("definition")), rs.getLong("version"),
			instantOrNull(rs, "created_at"), instantOrNull(rs, "updated_at"));

	/**
	 * Creates a segment; a dynamic one's definition must check out
	 * ({@link InvalidSegmentDefinitionException}).
	 */
	@Transactional
	public long create(SegmentCommand cmd) {
		SegmentNode.Group definition = validated(cmd);
		requireFreeName(cmd.name(), null);
		long id = jdbc.sql("""
				insert into segments (name, description, kind, definition, created_by)
				values (?, ?, ?, cast(? as jsonb), ?) returning id
				""")
			.params(cmd.name().trim(), blankToNull(cmd.description()), cmd.kind().name(),
					SegmentDefinitions.toJson(definition), Actor.currentIdOrNull())
			.query(Long.class)
			.single();
		audit.created(AUDIT_TYPE, id);
		return id;
	}

	/**
	 * Changes name, description and (dynamic) definition; a stale version conflicts. The
	 * kind stays.
	 */
	@Transactional
	public void update(long id, SegmentCommand cmd) {
		SegmentDetails current = details(id);
		if (current.version() != cmd.version()) {
			throw new StaleEditException("Segment", id, cmd.version(), current.version());
		}
		SegmentNode.Group definition = validated(
				new SegmentCommand(cmd.name(), cmd.description(), current.kind(), cmd.definition(), cmd.version()));
		requireFreeName(cmd.name(), id);
		String json = SegmentDefinitions.toJson(definition);
		int n = jdbc.sql("""
				update segments set name = ?, description = ?, definition = cast(? as jsonb), version = version + 1,
				       updated_at = now()
				where id = ? and version = ?
				""").params(cmd.name().trim(), blankToNull(cmd.description()), json, id, cmd.version()).update();
		if (n == 0) {
			throw new StaleEditException("Segment", id, cmd.version(), cmd.version() + 1);
		}
		audit.changed(AUDIT_TYPE, id,
				snapshot(current.name(), current.description(), SegmentDefinitions.toJson(current.definition())),
				snapshot(cmd.name().trim(), blankToNull(cmd.description()), json));
	}

	@Transactional
	public void delete(long id, long version) {
		SegmentDetails current = details(id);
		if (current.version() != version) {
			throw new StaleEditException("Segment", id, version, current.version());
		}
		try {
			jdbc.sql("delete from segments where id = ? and version = ?").params(id, version).update();
		}
		catch (DataIntegrityViolationException ex) {
			// Campaigns and sequences point at their segment: it stays while they do.
			throw new RuleViolationException("segment.inUse", "Campaigns or sequences still use this segment.");
		}
		audit.deleted(AUDIT_TYPE, id);
	}

	private SegmentNode.Group validated(SegmentCommand cmd) {
		if (cmd.name() == null || cmd.name().isBlank()) {
			throw new RuleViolationException("segment.name.required", "A segment needs a name.");
		}
		if (cmd.kind() == null) {
			throw new RuleViolationException("segment.kind.required",
					"Say whether the segment is dynamic or a static list.");
		}
		if (cmd.kind() == SegmentKind.STATIC) {
			return SegmentDefinitions.empty();
		}
		SegmentNode.Group definition = cmd.definition() == null ? SegmentDefinitions.empty() : cmd.definition();
		compiler.compile(definition);
		return definition;
	}

	private void requireFreeName(String name, Long exceptId) {
		boolean taken = jdbc.sql("select count(*) from segments where lower(name) = lower(?) and id <> ?")
			.params(name.trim(), exceptId == null ? -1L : exceptId)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new RuleViolationException("segment.name.taken", "There is already a segment named {0}.",
					name.trim());
		}
	}

	private static Map<String, String> snapshot(String name, String description, String definition) {
		Map<String, String> m = new HashMap<>();
		m.put("name", name);
		m.put("description", description);
		m.put("definition", definition);
		return m;
	}

	@Override
	@Transactional(readOnly = true)
	public MemberQuery query(long segmentId) {
		SegmentDetails segment = details(segmentId);
		if (segment.kind() == SegmentKind.STATIC) {
			return new MemberQuery("select sm.contact_id from segment_members sm where sm.segment_id = ?",
					List.of(segmentId));
		}
		return compiler.compile(segment.definition());
	}

	/**
	 * How many contacts a segment has now, counting no further than
	 * {@link CappedCount#CAP}.
	 */
	@Transactional(readOnly = true)
	public CappedCount count(long segmentId) {
		return count(query(segmentId));
	}

	/** Size and first members of a definition being edited (not saved yet). */
	@Transactional(readOnly = true)
	public SegmentPreview preview(SegmentNode.Group definition) {
		MemberQuery q = compiler.compile(definition);
		return new SegmentPreview(count(q), page(q, null, PREVIEW_ROWS).items());
	}

	/** A segment's members by name, a page at a time. */
	@Transactional(readOnly = true)
	public KeysetPage<SegmentMember> members(long segmentId, String cursor, int pageSize) {
		MemberQuery q = query(segmentId);
		KeysetPage<SegmentMember> page = page(q, cursor, pageSize);
		return new KeysetPage<>(page.items(), page.nextCursor(), page.previousCursor(), count(q));
	}

	private CappedCount count(MemberQuery q) {
		Long n = jdbc.sql("select count(*) from (" + q.sql() + " limit " + (CappedCount.CAP + 1) + ") t")
			.params(q.params())
			.query(Long.class)
			.single();
		return CappedCount.of(n);
	}

	private KeysetPage<SegmentMember> page(MemberQuery q, String cursor, int pageSize) {
		Keyset.Cursor c = Keyset.decode(cursor);
		List<Object> params = new ArrayList<>(q.params());
		String where = "";
		boolean asc = c == null || c.forward();
		if (c != null) {
			where = " where (c.sort_name, c.id) " + (asc ? ">" : "<") + " (?, ?)";
			params.add(c.sortValue());
			params.add(c.id());
		}
		String dir = asc ? " asc" : " desc";
		String sql = MEMBER_SELECT.formatted(q.sql()) + where + " order by c.sort_name" + dir + ", c.id" + dir
				+ " limit ?";
		params.add(pageSize + 1);
		List<SegmentMember> rows = jdbc.sql(sql).params(params).query(SegmentService::member).list();
		return Keyset.page(rows, pageSize, c, SegmentMember::sortKey, SegmentMember::id, null);
	}

	private static SegmentMember member(ResultSet rs, int n) throws SQLException {
		return new SegmentMember(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
				rs.getString("email"), rs.getObject("account_id", Long.class), rs.getString("account_name"),
				rs.getString("lifecycle_stage"), rs.getString("sort_key"));
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

	/**
	 * Adds the contacts named by e-mail in a CSV upload to a static list. The column
	 * headed {@code email} (any case; the first column when no header says so) is matched
	 * to contacts' e-mail addresses; every line that matches none is reported with why.
	 */
	@Transactional
	public ListImport importCsv(long segmentId, String csv) {
		requireStatic(segmentId);
		List<String> lines = csv == null ? List.of() : csv.lines().toList();
		if (lines.size() > MAX_IMPORT_LINES + 1) {
			throw new RuleViolationException("segment.import.tooLarge", "Upload at most {0} lines at a time.",
					MAX_IMPORT_LINES);
		}
		int column = 0;
		int first = 0;
		if (!lines.isEmpty()) {
			List<String> header = Csv.fields(lines.get(0));
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
		for (int i = first; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			List<String> fields = Csv.fields(line);
			String email = column < fields.size() ? fields.get(column).trim().toLowerCase(Locale.ROOT) : "";
			int lineNo = i + 1;
			text.put(lineNo, line.length() > 200 ? line.substring(0, 200) + "…" : line);
			if (email.isEmpty()) {
				unmatched.add(new ListImport.Unmatched(lineNo, text.get(lineNo), "segment.import.noEmail"));
			}
			else if (!EMAIL.matcher(email).matches()) {
				unmatched.add(new ListImport.Unmatched(lineNo, text.get(lineNo), "segment.import.badEmail"));
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
		String kind = jdbc.sql("select kind from segments where id = ?")
			.param(segmentId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Segment", segmentId));
		if (!kind.equals(SegmentKind.STATIC.name())) {
			throw new RuleViolationException("segment.notStatic",
					"Members are added by hand only to static lists; a dynamic segment’s members follow its criteria.");
		}
	}

	/** The most segments one contact is evaluated against on their page. */
	public static final int MAX_SEGMENTS_PER_CONTACT = 200;

	/** A segment a contact belongs to. */
	public record Membership(long id, String name, SegmentKind kind) {
	}

	/**
	 * Every segment a contact belongs to now, in two statements whatever the number of
	 * segments: the segments (static lists answer membership right there), then one
	 * statement that evaluates all dynamic definitions for this one contact (a union of
	 * {@code exists} checks on the contact's primary key). A definition that no longer
	 * compiles counts as no match.
	 */
	@Transactional(readOnly = true)
	public List<Membership> segmentsOf(long contactId) {
		record Candidate(long id, String name, SegmentKind kind, String definition, boolean listed) {
		}
		List<Candidate> candidates = jdbc.sql("""
				select s.id, s.name, s.kind, s.definition::text as definition,
				       exists (select 1 from segment_members m where m.segment_id = s.id and m.contact_id = ?) as listed
				from segments s order by s.sort_name, s.id limit ?
				""").params(contactId, MAX_SEGMENTS_PER_CONTACT).query(Candidate.class).list();
		List<String> checks = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		for (Candidate c : candidates) {
			if (c.kind() != SegmentKind.DYNAMIC) {
				continue;
			}
			try {
				MemberQuery q = compiler.compile(SegmentDefinitions.parse(c.definition()));
				checks.add("select cast(? as bigint) as segment_id where exists (" + q.sql() + " and c.id = ?)");
				params.add(c.id());
				params.addAll(q.params());
				params.add(contactId);
			}
			catch (RuntimeException ex) {
				// An old definition a newer field list rejects: not a member, rather than
				// a broken page.
			}
		}
		Set<Long> matched = new HashSet<>();
		if (!checks.isEmpty()) {
			matched.addAll(jdbc.sql(String.join("\nunion all\n", checks)).params(params).query(Long.class).list());
		}
		return candidates.stream()
			.filter(c -> c.kind() == SegmentKind.STATIC ? c.listed() : matched.contains(c.id()))
			.map(c -> new Membership(c.id(), c.name(), c.kind()))
			.toList();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
