/**
 * SLA policies and business-hours calendars.
 */
@org.springframework.modulith.NamedInterface("sla")
package org.opencrm.service.sla;
