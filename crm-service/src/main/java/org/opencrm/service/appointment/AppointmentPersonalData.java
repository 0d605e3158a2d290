package org.opencrm.service.appointment;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's service appointments. On erasure one booked for their account stays for
 * the account and the agent's calendar, without the person, its notes, outcome or place;
 * one for the person alone goes.
 */
@Component
class AppointmentPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	AppointmentPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		return Map.of("appointments", PersonalData.plain(jdbc.sql("""
				select kind, title, product_name, starts_at, ends_at, location, notes, status, outcome
				from service_appointments where contact_id = ? order by starts_at, id
				""").param(person.contactId()).query().listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		if (person.contactId() == null) {
			return;
		}
		jdbc.sql("delete from service_appointments where contact_id = ? and account_id is null")
			.param(person.contactId())
			.update();
		jdbc.sql("""
				update service_appointments
				set contact_id = null, title = '[erased]', notes = null, outcome = null, location = null,
				    version = version + 1, updated_at = now()
				where contact_id = ?
				""").param(person.contactId()).update();
	}

}
