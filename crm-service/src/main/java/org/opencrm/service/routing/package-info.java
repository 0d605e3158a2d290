/**
 * Ticket routing rules.
 */
@org.springframework.modulith.NamedInterface("routing")
package org.opencrm.service.routing;
