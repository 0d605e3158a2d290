package org.opencrm.service.appointment;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Appointments with a merged customer are with the survivor. */
@Component
class AppointmentMerge implements RecordMerge {

	private final JdbcClient jdbc;

	AppointmentMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("""
				update service_appointments set contact_id = ?, version = version + 1, updated_at = now()
				where contact_id = ?
				""").params(to, from).update();
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("""
				update service_appointments set account_id = ?, version = version + 1, updated_at = now()
				where account_id = ?
				""").params(to, from).update();
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("appointments",
				RecordMerge.count(jdbc, "select count(*) from service_appointments where contact_id = ?", contactId));
	}

	@Override
	public Map<String, Long> countAccount(long accountId) {
		return Map.of("appointments",
				RecordMerge.count(jdbc, "select count(*) from service_appointments where account_id = ?", accountId));
	}

}
