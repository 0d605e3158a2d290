package org.opencrm.core.dedupe;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.account.AccountDuplicates;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review list of what the scan found: pairs whose two records the user may both see,
 * the surest first, by keyset over {@code duplicate_candidates_review_idx}; and "not a
 * duplicate", which sticks (the pair is dismissed for the finder and the form's warning).
 */
@Service
public class DuplicateReview {

	private final JdbcClient jdbc;

	private final ContactLookup contacts;

	private final AccountDuplicates accounts;

	private final Map<RecordType, DuplicateSource> sources = new EnumMap<>(RecordType.class);

	DuplicateReview(JdbcClient jdbc, ContactLookup contacts, AccountDuplicates accounts,
			List<DuplicateSource> sources) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.accounts = accounts;
		sources.forEach(s -> this.sources.put(s.type(), s));
	}

	@Transactional(readOnly = true)
	public KeysetPage<DuplicatePair> page(RecordType type, Visibility visibility, String cursor, int pageSize) {
		SqlWhere where = visible(type, visibility).and("dc.record_type = :type", "type", type.code());
		var total = where.cappedCount(jdbc, from(type));
		Keyset.Cursor c = Keyset.decode(cursor);
		boolean forward = c == null || c.forward();
		if (c != null) {
			where.and("(dc.score, dc.id) " + (forward ? "<" : ">") + " (:cursorScore, :cursorId)")
				.param("cursorScore", c.intValue())
				.param("cursorId", c.id());
		}
		String dir = forward ? " desc" : " asc";
		List<DuplicatePair> rows = where
			.bind(jdbc.sql(select(type) + from(type) + where.sql() + " order by dc.score" + dir + ", dc.id" + dir
					+ " limit :limit"))
			.param("limit", pageSize + 1)
			.query(Rows.of(DuplicatePair.class))
			.list();
		return Keyset.page(rows, pageSize, c, p -> Integer.toString(p.score()), DuplicatePair::id, total);
	}

	/** One pair, if the user may see both records; else "not found". */
	@Transactional(readOnly = true)
	public DuplicatePair pair(RecordType type, long candidateId, Visibility visibility) {
		SqlWhere where = visible(type, visibility).and("dc.record_type = :type", "type", type.code())
			.and("dc.id = :id", "id", candidateId);
		return where.bind(jdbc.sql(select(type) + from(type) + where.sql()))
			.query(Rows.of(DuplicatePair.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("Duplicate pair", candidateId));
	}

	/**
	 * "Not a duplicate": the pair leaves the list and the finder won't offer it again.
	 */
	@Transactional
	public void dismiss(RecordType type, long candidateId, Visibility visibility) {
		DuplicatePair pair = pair(type, candidateId, visibility);
		switch (type) {
			case CONTACT -> contacts.dismissPair(pair.lowId(), pair.highId());
			case ACCOUNT -> accounts.dismissPair(pair.lowId(), pair.highId());
			case LEAD -> source(type).dismiss(pair.lowId(), pair.highId());
		}
		jdbc.sql("delete from duplicate_candidates where id = ?").param(candidateId).update();
	}

	private SqlWhere visible(RecordType type, Visibility visibility) {
		SqlWhere where = new SqlWhere();
		switch (type) {
			case CONTACT -> {
				AccountAccess.restrictContacts(where, visibility, "l");
				AccountAccess.restrictContacts(where, visibility, "h");
			}
			case ACCOUNT -> {
				AccountAccess.restrictAccounts(where, visibility, "l");
				AccountAccess.restrictAccounts(where, visibility, "h");
			}
			case LEAD -> source(type).restrict(where, visibility);
		}
		return where;
	}

	private DuplicateSource source(RecordType type) {
		DuplicateSource source = sources.get(type);
		if (source == null) {
			throw new NotFoundException("Record type", -1L);
		}
		return source;
	}

	private String from(RecordType type) {
		if (type == RecordType.LEAD) {
			return "duplicate_candidates dc " + source(type).joins();
		}
		return type == RecordType.CONTACT ? """
				duplicate_candidates dc
				join contacts l on l.id = dc.low_id left join accounts la on la.id = l.account_id
				join contacts h on h.id = dc.high_id left join accounts ha on ha.id = h.account_id
				""" : """
				duplicate_candidates dc
				join accounts l on l.id = dc.low_id
				join accounts h on h.id = dc.high_id
				""";
	}

	private String select(RecordType type) {
		if (type == RecordType.LEAD) {
			return "select dc.id, dc.low_id, dc.high_id, dc.reason, dc.score, " + source(type).columns() + " from ";
		}
		return type == RecordType.CONTACT
				? """
						select dc.id, dc.low_id, dc.high_id, dc.reason, dc.score,
						       l.first_name || ' ' || l.last_name as low_name,
						       concat_ws(' · ', l.email, coalesce(l.phone, l.mobile), la.name) as low_detail, l.version as low_version,
						       h.first_name || ' ' || h.last_name as high_name,
						       concat_ws(' · ', h.email, coalesce(h.phone, h.mobile), ha.name) as high_detail, h.version as high_version
						from
						"""
				: """
						select dc.id, dc.low_id, dc.high_id, dc.reason, dc.score,
						       l.name as low_name, concat_ws(' · ', l.domain, l.phone, l.city) as low_detail, l.version as low_version,
						       h.name as high_name, concat_ws(' · ', h.domain, h.phone, h.city) as high_detail, h.version as high_version
						from
						""";
	}

}
