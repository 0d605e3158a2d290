package org.opencrm.service.portal;

/** What a customer gives to register for the portal. */
public record PortalRegistration(String username, String firstName, String lastName, String email, String password) {
}
