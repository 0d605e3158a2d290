package org.opencrm.sales.lead;

import java.util.List;
import java.util.Locale;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.TextQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads and contacts that may be the person being entered: the same e-mail, or a
 * trigram-similar name at a similar company. Converted leads are left out (their contact
 * is found instead), and so are leads marked "not a duplicate" of the lead being edited
 * on the duplicates page.
 */
@Service
public class LeadDuplicates {

	private final JdbcClient jdbc;

	LeadDuplicates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<LeadMatch> find(String email, String firstName, String lastName, String company, Long excludeLeadId) {
		// Trigram look-ups flip to a slow generic plan after five runs of a prepared
		// statement.
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		return jdbc
			.sql("""
					(select 'lead' as kind, l.id, coalesce(l.first_name || ' ', '') || l.last_name as name, l.email, l.company,
					        case when :email <> '' and lower(l.email) = :email then 'email' else 'name' end as reason
					 from leads l
					 where l.id <> :exclude and l.status <> 'CONVERTED'
					   and not exists (select 1 from lead_duplicate_dismissals d
					                   where d.lead_low = least(l.id, :exclude) and d.lead_high = greatest(l.id, :exclude))
					   and ((:email <> '' and lower(l.email) = :email)
					        or (l.full_name % :name and similarity(l.full_name, :name) >= 0.5
					            and (:company = '' or coalesce(l.company, '') = '' or similarity(lower(l.company), :company) >= 0.4)))
					 order by reason, l.id limit 5)
					union all
					(select 'contact' as kind, c.id, c.first_name || ' ' || c.last_name as name, c.email, a.name as company,
					        case when :email <> '' and lower(c.email) = :email then 'email' else 'name' end as reason
					 from contacts c left join accounts a on a.id = c.account_id
					 where (:email <> '' and lower(c.email) = :email)
					    or (c.full_name % :name and similarity(c.full_name, :name) >= 0.5
					        and :company <> '' and a.sort_name % :company)
					 order by reason, c.id limit 5)
					""")
			.param("email", email == null ? "" : email.trim().toLowerCase(Locale.ROOT))
			.param("name", TextQuery.normalise(name(firstName, lastName)))
			.param("company", TextQuery.normalise(company))
			.param("exclude", excludeLeadId == null ? -1L : excludeLeadId)
			.query(Rows.of(LeadMatch.class))
			.list();
	}

	private static String name(String first, String last) {
		return Lead.trimmed(first) == null ? String.valueOf(last).trim()
				: first.trim() + " " + String.valueOf(last).trim();
	}

}
