package org.opencrm.sales.opportunity;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deals whose primary contact the person is. A deal belongs to its account and stays for
 * the pipeline and forecast: it loses its primary contact and the lead it came from (the
 * person's leads are erased), and a name that names the person.
 */
@Component
@Order(PersonalData.FOLLOWS_LINKS)
class DealPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	DealPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		return Map.of("deals", PersonalData.plain(jdbc.sql("""
				select o.id, o.name, a.name as account_name, s.name as stage, o.status, o.amount, o.currency,
				       o.close_date, o.created_at
				from opportunities o
				join accounts a on a.id = o.account_id
				join pipeline_stages s on s.id = o.stage_id
				where o.primary_contact_id = ? order by o.id
				""").param(person.contactId()).query().listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		jdbc.sql(
				"""
						update opportunities
						set name = case when name ilike any(:mentions) then 'Deal ' || id else name end,
						    primary_contact_id = case when primary_contact_id = :contact then null else primary_contact_id end,
						    lead_id = case when lead_id in (select l.id from leads l where l.id = :lead
						                                        or (:email <> '' and lower(l.email) = :email)
						                                        or l.converted_contact_id = :contact)
						                   then null else lead_id end,
						    version = version + 1, updated_at = now()
						where primary_contact_id = :contact or name ilike any(:mentions)
						   or lead_id in (select l.id from leads l where l.id = :lead
						                      or (:email <> '' and lower(l.email) = :email) or l.converted_contact_id = :contact)
						""")
			.param("mentions", person.mentions().toArray(String[]::new))
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("lead", person.leadId() == null ? -1L : person.leadId())
			.param("email", person.email() == null ? "" : person.email())
			.update();
	}

}
