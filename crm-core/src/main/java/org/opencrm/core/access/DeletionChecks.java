package org.opencrm.core.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.opencrm.core.port.CustomerReferences;
import org.opencrm.core.shared.RecordInUseException;
import org.opencrm.core.shared.RecordInUseException.Holder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Before a person or a company is deleted: locks its row (a reference being added waits,
 * one added before shows), asks every module what holds it ({@link CustomerReferences})
 * and refuses with the list, or lets each module detach what only mentions it. So a
 * deletion either goes through or is refused with a message, never a foreign-key error.
 */
@Component
public class DeletionChecks {

	private final JdbcClient jdbc;

	private final ObjectProvider<CustomerReferences> modules;

	DeletionChecks(JdbcClient jdbc, ObjectProvider<CustomerReferences> modules) {
		this.jdbc = jdbc;
		this.modules = modules;
	}

	/**
	 * @throws RecordInUseException listing what holds the contact
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void clearContact(long contactId) {
		jdbc.sql("select id from contacts where id = ? for update").param(contactId).query(Long.class).optional();
		List<Holder> held = new ArrayList<>();
		// A customer's sign-in for the portal is this person: it goes when they do, by
		// hand.
		long portalUsers = jdbc.sql("select count(*) from users where contact_id = ?")
			.param(contactId)
			.query(Long.class)
			.single();
		if (portalUsers > 0) {
			held.add(new Holder("held.portalUsers", portalUsers));
		}
		held.addAll(fromModules(m -> m.holdingContact(contactId)));
		if (!held.isEmpty()) {
			throw new RecordInUseException("contact.delete.held", "Contact " + contactId, held);
		}
		modules.orderedStream().forEach(m -> m.releaseContact(contactId));
	}

	/** What the modules report, in a stable order (by kind) for the message. */
	private List<Holder> fromModules(Function<CustomerReferences, List<Holder>> ask) {
		return modules.orderedStream()
			.flatMap(m -> ask.apply(m).stream())
			.sorted(Comparator.comparing(Holder::code))
			.toList();
	}

	/**
	 * Call after checking that no contact belongs to the account.
	 * @throws RecordInUseException listing what holds the account
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void clearAccount(long accountId) {
		jdbc.sql("select id from accounts where id = ? for update").param(accountId).query(Long.class).optional();
		List<Holder> held = new ArrayList<>();
		held.addAll(fromModules(m -> m.holdingAccount(accountId)));
		if (!held.isEmpty()) {
			throw new RecordInUseException("account.delete.held", "Account " + accountId, held);
		}
		modules.orderedStream().forEach(m -> m.releaseAccount(accountId));
	}

}
