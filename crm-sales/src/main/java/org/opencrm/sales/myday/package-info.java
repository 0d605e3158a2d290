/**
 * A rep's day: tasks, stale deals, new leads.
 */
@org.springframework.modulith.NamedInterface("myday")
package org.opencrm.sales.myday;
