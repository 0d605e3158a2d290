package org.opencrm.core.contact;

import java.util.List;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The contacts list: filters, capped count and keyset pages. */
@Service
public class ContactList {

	private final JdbcClient jdbc;

	ContactList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public KeysetPage<ContactRow> list(ContactFilter filter, String cursor, int pageSize) {
		return list(filter, Visibility.all(), cursor, pageSize);
	}

	/**
	 * A record page's contact section: the first page, counted up to
	 * {@link CappedCount#HEADING_CAP} like other headings ("500+"); the largest account's
	 * 20,900 contacts were counted to 10,001 on each view of its page (bench/load).
	 */
	@Transactional(readOnly = true)
	public KeysetPage<ContactRow> section(ContactFilter filter, int pageSize) {
		return list(filter, Visibility.all(), null, pageSize, CappedCount.HEADING_CAP);
	}

	/** The contacts list as {@code visibility} may see it ({@link AccountAccess}). */
	@Transactional(readOnly = true)
	public KeysetPage<ContactRow> list(ContactFilter filter, Visibility visibility, String cursor, int pageSize) {
		return list(filter, visibility, cursor, pageSize, CappedCount.CAP);
	}

	private KeysetPage<ContactRow> list(ContactFilter filter, Visibility visibility, String cursor, int pageSize,
			int countCap) {
		SqlWhere where = AccountAccess.restrictContacts(new SqlWhere(), visibility, "c");
		String tsq = TextQuery.prefix(filter.q());
		if (tsq != null) {
			where.and("c.search @@ to_tsquery('simple', :tsq)", "tsq", tsq);
		}
		if (filter.ownerId() != null) {
			where.and("c.owner_id = :owner", "owner", filter.ownerId());
		}
		if (filter.stage() != null) {
			where.and("c.lifecycle_stage = :stage", "stage", filter.stage().name());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			where.and("c.tags @> array[:tag]::text[]", "tag", filter.tag().trim().toLowerCase());
		}
		if (filter.accountId() != null) {
			where.and("c.account_id = :account", "account", filter.accountId());
		}
		var total = where.cappedCount(jdbc, "contacts c", countCap);
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = filter.sort() == ContactFilter.Sort.NAME ? KeysetSort.text("c.sort_name")
				: KeysetSort.newestFirst("c.created_at");
		String orderBy = sort.orderBy(where, c, "c.id");
		String sql = """
				select c.id, c.first_name, c.last_name, c.email, c.phone, c.account_id, a.name as account_name,
				       c.lifecycle_stage, u.full_name as owner_name, c.version, %s as sort_key, c.external_id
				from contacts c
				left join accounts a on a.id = c.account_id
				left join users u on u.id = c.owner_id
				%s %s
				limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<ContactRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(Rows.of(ContactRow.class))
			.list();
		return Keyset.page(rows, pageSize, c, ContactRow::sortKey, ContactRow::id, total);
	}

}
