/**
 * The customer portal: registration and own tickets.
 */
@org.springframework.modulith.NamedInterface("portal")
package org.opencrm.service.portal;
