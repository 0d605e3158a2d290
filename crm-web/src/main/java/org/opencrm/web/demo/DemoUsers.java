package org.opencrm.web.demo;

import java.util.List;
import org.opencrm.core.user.Role;

/**
 * The accounts the demo company signs in with (password {@code demo}), as the modules'
 * demo data creates them: core's staff and the service module's portal customers. The
 * sign-in page and the start-up log list them; {@code DemoUsersTest} checks the list
 * against a freshly seeded database.
 */
public final class DemoUsers {

	/** One demo account. */
	public record DemoUser(String username, Role role) {
	}

	public static final String PASSWORD = "demo";

	public static final List<DemoUser> ALL = List.of(new DemoUser("admin", Role.ADMIN),
			new DemoUser("manager", Role.MANAGER), new DemoUser("rep", Role.SALES_REP),
			new DemoUser("rep2", Role.SALES_REP), new DemoUser("agent", Role.SUPPORT_AGENT),
			new DemoUser("agent2", Role.SUPPORT_AGENT), new DemoUser("marketer", Role.MARKETER),
			new DemoUser("customer", Role.CUSTOMER), new DemoUser("customer2", Role.CUSTOMER));

	private DemoUsers() {
	}

	/** "admin, manager, …": for the log. */
	public static String usernames() {
		return String.join(", ", ALL.stream().map(DemoUser::username).toList());
	}

}
