package org.opencrm.core.user;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What a user does in the company; decides which pages and actions they reach. */
public enum Role {

	ADMIN, MANAGER, SALES_REP, SUPPORT_AGENT, MARKETER, CUSTOMER;

	/** Who works tickets: the queue, ticket pages and reports, appointments. */
	public static final Set<Role> SERVICE_DESK = Collections.unmodifiableSet(EnumSet.of(ADMIN, MANAGER, SUPPORT_AGENT));

	/** The authority name Spring Security checks, e.g. {@code ROLE_SALES_REP}. */
	public String authority() {
		return "ROLE_" + name();
	}

	public boolean isStaff() {
		return this != CUSTOMER;
	}

}
