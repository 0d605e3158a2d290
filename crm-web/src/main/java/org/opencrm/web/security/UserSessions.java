package org.opencrm.web.security;

import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends a user's sessions in the shared session store (Spring Session JDBC indexes them by principal
 * name), so a new password also signs out whoever else had the old one.
 */
@Component
class UserSessions {

	private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;

	UserSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions) {
		this.sessions = sessions;
	}

	/** Ends every session of {@code username} except those in {@code keep}. */
	void endOthers(String username, Set<String> keep) {
		FindByIndexNameSessionRepository<? extends Session> repository = sessions.getIfAvailable();
		if (repository == null) {
			return;
		}
		for (String id : repository.findByPrincipalName(username).keySet()) {
			if (!keep.contains(id)) {
				repository.deleteById(id);
			}
		}
	}
}
