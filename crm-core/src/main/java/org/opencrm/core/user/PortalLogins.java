package org.opencrm.core.user;

import java.util.Map;
import java.util.Optional;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portal customers' sign-ins: one per contact, enabled once their address is confirmed.
 */
@Service
public class PortalLogins {

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	PortalLogins(UserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy, AuditTrail audit,
			JdbcClient jdbc) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.audit = audit;
		this.jdbc = jdbc;
	}

	/**
	 * Creates a portal customer (role CUSTOMER) linked to their contact; a contact has at
	 * most one portal user. Password rules are the caller's (the portal's registration
	 * checks them). A customer created disabled signs in after {@link #enableCustomer}.
	 */
	@Transactional
	public long createCustomer(String username, String fullName, String email, String password, long contactId,
			boolean enabled) {
		if (users.existsByUsernameIgnoreCase(username.trim())) {
			throw new DuplicateNameException("username", username);
		}
		if (jdbc.sql("select count(*) from users where contact_id = ?")
			.param(contactId)
			.query(Long.class)
			.single() > 0) {
			throw new RuleViolationException("user.contact.taken", "This person already has a portal account.");
		}
		passwordPolicy.check(username, password);
		User user = new User(username.trim(), fullName.trim(), UserService.blankToNull(email),
				passwordEncoder.encode(password), Role.CUSTOMER, null);
		user.becomePortalLoginOf(contactId, enabled);
		users.saveAndFlush(user);
		audit.created(UserService.AUDIT_TYPE, user.getId());
		SecurityLog.info("user.registered")
			.addKeyValue("userId", user.getId())
			.addKeyValue("username", user.getUsername())
			.addKeyValue("role", Role.CUSTOMER)
			.log();
		return user.getId();
	}

	/**
	 * Lets a portal customer sign in (they confirmed their e-mail address): through the
	 * user aggregate, so its version moves; nothing for staff or a customer already
	 * enabled.
	 */
	@Transactional
	public void enableCustomer(long userId) {
		User user = users.findById(userId).orElseThrow(() -> new NotFoundException("User", userId));
		if (user.getRole() != Role.CUSTOMER || user.isEnabled()) {
			return;
		}
		user.enable();
		users.flush();
		audit.changed(UserService.AUDIT_TYPE, userId, Map.of("enabled", "false"), Map.of("enabled", "true"));
		SecurityLog.info("user.enabled").addKeyValue("userId", userId).addKeyValue("reason", "address confirmed").log();
	}

	/**
	 * The contact a portal customer is (empty for staff and for customers without one).
	 */
	@Transactional(readOnly = true)
	public Optional<Long> contactIdOf(long userId) {
		return jdbc.sql("select contact_id from users where id = ? and contact_id is not null")
			.param(userId)
			.query(Long.class)
			.optional();
	}

}
