package org.opencrm.service.appointment;

import java.util.List;
import org.opencrm.core.port.CustomerReferences;
import org.opencrm.core.shared.RecordInUseException.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A scheduled appointment holds its customer (an agent is on the way: cancel it first).
 * Past ones (done, cancelled, no-show) are history: they keep the other party (account or
 * person) and lose this one, and go when this one was their only party, as timeline
 * entries about a person alone do.
 */
@Component
class AppointmentCustomerReferences implements CustomerReferences {

	private final JdbcClient jdbc;

	AppointmentCustomerReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Holder> holdingContact(long contactId) {
		return scheduled("contact_id", contactId);
	}

	@Override
	public void releaseContact(long contactId) {
		release("contact_id", "account_id", contactId);
	}

	@Override
	public List<Holder> holdingAccount(long accountId) {
		return scheduled("account_id", accountId);
	}

	@Override
	public void releaseAccount(long accountId) {
		release("account_id", "contact_id", accountId);
	}

	private List<Holder> scheduled(String column, long id) {
		long count = jdbc
			.sql("select count(*) from service_appointments where " + column + " = ? and status = 'SCHEDULED'")
			.param(id)
			.query(Long.class)
			.single();
		return Holder.ifAny("held.appointments", count);
	}

	private void release(String column, String other, long id) {
		jdbc.sql("delete from service_appointments where " + column + " = ? and " + other + " is null")
			.param(id)
			.update();
		jdbc.sql("update service_appointments set " + column
				+ " = null, version = version + 1, updated_at = now() where " + column + " = ?")
			.param(id)
			.update();
	}

}
