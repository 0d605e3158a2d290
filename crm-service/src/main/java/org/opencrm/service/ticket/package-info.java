/**
 * Tickets: open, reply, update, attachments, lists.
 */
@org.springframework.modulith.NamedInterface("ticket")
package org.opencrm.service.ticket;
