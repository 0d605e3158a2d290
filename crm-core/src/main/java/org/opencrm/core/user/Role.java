package org.opencrm.core.user;

/** What a user does in the company; decides which pages and actions they reach. */
public enum Role {

	ADMIN, MANAGER, SALES_REP, SUPPORT_AGENT, MARKETER, CUSTOMER;

	/** The authority name Spring Security checks, e.g. {@code ROLE_SALES_REP}. */
	public String authority() {
		return "ROLE_" + name();
	}

	public boolean isStaff() {
		return this != CUSTOMER;
	}

}
