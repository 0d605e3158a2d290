package org.opencrm.sales.lead;

import org.opencrm.core.dedupe.DuplicateSource;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.Scopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leads in core's duplicate finder: the same e-mail (any case), the same phone number
 * (core's {@code phone_digits}), or a similar name (trigram similarity) at a similar
 * company — a similar name alone is no duplicate, as for people. Converted leads are left
 * out (they are merged as the person they became); the review shows pairs of leads the
 * user may both see (their owners, {@link Scopes}).
 */
@Component
class LeadDuplicateSource implements DuplicateSource {

	/**
	 * Every look-up an index probe: {@code leads_email_idx},
	 * {@code leads_phone_digits_idx}, {@code leads_full_name_trgm_idx}; the companies'
	 * names of two similar names must be alike too (similarity ≥ 0.5).
	 */
	static final String PAIRS = """
			select least(c.id, m.id) as low, greatest(c.id, m.id) as high, m.reason, m.score
			from leads c
			cross join lateral (
			  (select o.id, 'email' as reason, 100 as score from leads o
			   where c.email is not null and lower(o.email) = lower(trim(c.email)) and o.id <> c.id
			     and o.status <> 'CONVERTED' limit :perRecord)
			  union all
			  (select o.id, 'phone', 90 from leads o
			   where length(phone_digits(c.phone)) >= 5 and phone_digits(o.phone) = phone_digits(c.phone) and o.id <> c.id
			     and o.status <> 'CONVERTED' limit :perRecord)
			  union all
			  (select o.id, 'name', (similarity(o.full_name, c.full_name) * 100)::int from leads o
			   where o.full_name % c.full_name and similarity(o.full_name, c.full_name) >= :similarity and o.id <> c.id
			     and o.status <> 'CONVERTED' and coalesce(c.company, '') <> '' and coalesce(o.company, '') <> ''
			     and similarity(lower(o.company), lower(c.company)) >= 0.5
			   limit :perRecord)
			) m
			where c.id = any(:ids) and c.status <> 'CONVERTED'
			  and not exists (select 1 from lead_duplicate_dismissals d
			                  where d.lead_low = least(c.id, m.id) and d.lead_high = greatest(c.id, m.id))
			""";

	private final JdbcClient jdbc;

	LeadDuplicateSource(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public RecordType type() {
		return RecordType.LEAD;
	}

	@Override
	public String table() {
		return "leads";
	}

	@Override
	public String pairs() {
		return PAIRS;
	}

	@Override
	public String joins() {
		return "join leads l on l.id = dc.low_id join leads h on h.id = dc.high_id";
	}

	@Override
	public String columns() {
		return """
				coalesce(l.first_name || ' ', '') || l.last_name as low_name,
				concat_ws(' · ', l.email, l.phone, l.company) as low_detail, l.version as low_version,
				coalesce(h.first_name || ' ', '') || h.last_name as high_name,
				concat_ws(' · ', h.email, h.phone, h.company) as high_detail, h.version as high_version
				""";
	}

	/** Both leads visible, neither converted since the scan. */
	@Override
	public void restrict(SqlWhere where, Visibility visibility) {
		Scopes.restrict(where, visibility, "l.owner_id");
		Scopes.restrict(where, visibility, "h.owner_id");
		where.and("l.status <> 'CONVERTED' and h.status <> 'CONVERTED'");
	}

	@Override
	public void dismiss(long lowId, long highId) {
		jdbc.sql("""
				insert into lead_duplicate_dismissals (lead_low, lead_high, dismissed_by)
				values (least(:a, :b), greatest(:a, :b), :by) on conflict do nothing
				""").param("a", lowId).param("b", highId).param("by", Actor.currentIdOrNull()).update();
	}

}
