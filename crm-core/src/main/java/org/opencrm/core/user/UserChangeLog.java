package org.opencrm.core.user;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What an admin changed on a user, for the security log. */
final class UserChangeLog {

	private UserChangeLog() {
	}

	/** One event per kind of change; what changed, never a password. */
	static void changes(long id, String username, Map<String, String> before, Map<String, String> after,
			boolean newPassword) {
		Map<String, String> changed = new LinkedHashMap<>();
		after.forEach((k, v) -> {
			if (!Objects.equals(before.get(k), v)) {
				// Who may do what in full; names and addresses only as "changed" (the
				// audit trail has them).
				boolean personal = k.equals("fullName") || k.equals("email");
				changed.put(k, personal ? "(changed)" : before.get(k) + " -> " + v);
			}
		});
		if (!changed.isEmpty()) {
			var e = SecurityLog.info("user.changed")
				.addKeyValue("actor", SecurityLog.actor())
				.addKeyValue("userId", id)
				.addKeyValue("username", username);
			changed.forEach(e::addKeyValue);
			e.log();
		}
		if ("true".equals(before.get("enabled")) && "false".equals(after.get("enabled"))) {
			SecurityLog.info("user.disabled")
				.addKeyValue("actor", SecurityLog.actor())
				.addKeyValue("userId", id)
				.addKeyValue("username", username)
				.log();
		}
		if (newPassword) {
			SecurityLog.info("password.set.byAdmin")
				.addKeyValue("actor", SecurityLog.actor())
				.addKeyValue("userId", id)
				.addKeyValue("username", username)
				.log();
		}
	}

}
