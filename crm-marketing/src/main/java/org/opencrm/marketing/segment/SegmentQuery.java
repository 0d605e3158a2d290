package org.opencrm.marketing.segment;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.Like;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What segments are read as, in SQL: the list, a segment's form, its members now (the
 * {@link SegmentMembers} campaigns and sequences read, counted and paged), a preview of a
 * definition being edited, and the segments one contact belongs to. Changes go through
 * {@link SegmentService}.
 */
@Service
public class SegmentQuery implements SegmentMembers {

	public static final int PREVIEW_ROWS = 20;

	/** The most segments one contact is evaluated against on their page. */
	public static final int MAX_SEGMENTS_PER_CONTACT = 200;

	private static final String MEMBER_SELECT = """
			select c.id, c.first_name, c.last_name, c.email, c.account_id, a.name as account_name,
			       c.lifecycle_stage, c.sort_name as sort_key
			from contacts c
			join (%s) m on m.contact_id = c.id
			left join accounts a on a.id = c.account_id
			""";

	private final JdbcClient jdbc;

	private final SegmentCompiler compiler;

	SegmentQuery(JdbcClient jdbc, SegmentCompiler compiler) {
		this.jdbc = jdbc;
		this.compiler = compiler;
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
		List<SegmentMember> rows = jdbc.sql(sql).params(params).query(SegmentQuery::member).list();
		return Keyset.page(rows, pageSize, c, SegmentMember::sortKey, SegmentMember::id, null);
	}

	private static SegmentMember member(ResultSet rs, int n) throws SQLException {
		return new SegmentMember(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
				rs.getString("email"), rs.getObject("account_id", Long.class), rs.getString("account_name"),
				rs.getString("lifecycle_stage"), rs.getString("sort_key"));
	}

	/** A segment a contact belongs to. */
	public record Membership(long id, String name, SegmentKind kind) {
	}

	/**
	 * Segments whose name contains {@code typed} (any case), by name, at most
	 * {@code limit}: the segment picker's suggestions.
	 */
	@Transactional(readOnly = true)
	public List<Membership> named(String typed, int limit) {
		return jdbc.sql("select id, name, kind from segments where sort_name like ? order by sort_name, id limit ?")
			.params(Like.containing(TextQuery.normalise(typed)), limit)
			.query(Rows.of(Membership.class))
			.list();
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
				""").params(contactId, MAX_SEGMENTS_PER_CONTACT).query(Rows.of(Candidate.class)).list();
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

}
