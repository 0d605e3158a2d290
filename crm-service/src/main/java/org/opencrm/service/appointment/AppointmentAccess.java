package org.opencrm.service.appointment;

import java.util.EnumSet;
import java.util.Set;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may do what with appointments: the service desk books, reads and closes; sales reps
 * read and book; other roles nothing ({@link AccessDeniedException}). Always only for
 * customers the user may see ({@link AccountAccess}).
 */
@Component
class AppointmentAccess {

	static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SUPPORT_AGENT, Role.SALES_REP);

	private final JdbcClient jdbc;

	AppointmentAccess(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The service desk, for an appointment of a customer they may see ("not found" else).
	 */
	void requireDeskAccess(long id, CrmUser user) {
		requireRole(user, Role.SERVICE_DESK);
		SqlWhere where = AccountAccess
			.restrictCustomer(new SqlWhere(), Visibility.of(user), "p.account_id", "p.contact_id")
			.and("p.id = :id", "id", id);
		if (where.bind(jdbc.sql("select count(*) from service_appointments p" + where.sql()))
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Appointment", id);
		}
	}

	static void requireRole(CrmUser user, Set<Role> roles) {
		if (!roles.contains(user.role())) {
			throw new AccessDeniedException("Service appointments are not for role " + user.role());
		}
	}

}
