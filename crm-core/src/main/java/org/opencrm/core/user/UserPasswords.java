package org.opencrm.core.user;

import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own password: changed when signed in (the current one required) or reset
 * through a link ({@link PasswordResets}); the new one follows {@link PasswordPolicy}. An
 * admin setting someone's password is {@link UserService#updateUser}.
 */
@Service
public class UserPasswords {

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final AuditTrail audit;

	UserPasswords(UserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
			AuditTrail audit) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.audit = audit;
	}

	/**
	 * A signed-in user changes their own password: the current one is required, the new
	 * one follows {@link PasswordPolicy}.
	 * @throws RuleViolationException {@code password.current.wrong} or a
	 * {@link WeakPasswordException}
	 */
	@Transactional
	public void changeOwnPassword(long userId, String currentPassword, String newPassword) {
		User user = users.findById(userId).orElseThrow(() -> new NotFoundException("User", userId));
		if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
			SecurityLog.warn("password.change.refused")
				.addKeyValue("userId", userId)
				.addKeyValue("username", user.getUsername())
				.addKeyValue("reason", "wrong current password")
				.log();
			throw new RuleViolationException("password.current.wrong", "The current password is not right.");
		}
		setPassword(user, newPassword, "password.changed");
	}

	/**
	 * Sets a new password after the user proved themselves otherwise (the reset link).
	 */
	@Transactional
	void resetPassword(User user, String newPassword) {
		setPassword(user, newPassword, "password.reset");
	}

	private void setPassword(User user, String newPassword, String event) {
		passwordPolicy.check(user.getUsername(), newPassword);
		user.changePassword(passwordEncoder.encode(newPassword));
		users.flush();
		audit.changed(UserService.AUDIT_TYPE, user.getId(), Map.of("password", "(set)"),
				Map.of("password", "(changed)"));
		SecurityLog.info(event).addKeyValue("userId", user.getId()).addKeyValue("username", user.getUsername()).log();
	}

}
