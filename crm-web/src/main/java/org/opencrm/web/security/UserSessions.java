package org.opencrm.web.security;

import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.opencrm.core.event.UserAccessChanged;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends a user's sessions in the shared session store (Spring Session JDBC indexes them by
 * principal name), so a new password also signs out whoever else had the old one, and an
 * admin's change to someone's access (core's {@link UserAccessChanged}) signs that user
 * out everywhere.
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

	/** After the admin's change is committed, so a change that fails signs no one out. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(UserAccessChanged changed) {
		HttpSession current = currentSession();
		if (current != null && changed.username().equals(currentUsername())) {
			// An admin changing their own account: through the request, so the end of
			// this request
			// doesn't write to a session row deleted under it.
			endOthers(changed.username(), Set.of(current.getId()));
			current.invalidate();
		}
		else {
			endOthers(changed.username(), Set.of());
		}
	}

	private static String currentUsername() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null ? null : auth.getName();
	}

	private static HttpSession currentSession() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
				? request.getRequest().getSession(false) : null;
	}

}
