/**
 * Service: tickets, queue, routing, SLA, e-mail to ticket, knowledge base, appointments,
 * CSAT, portal. Uses core only, through its named interfaces; its own events (such as
 * {@link org.opencrm.service.TicketResolved}) live in this root package. The feature
 * packages crm-web uses are named interfaces; {@code demo} and {@code report} are
 * internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service", allowedDependencies = "core :: *")
package org.opencrm.service;
