/**
 * Leads: capture, assignment, activities, import and conversion.
 */
@org.springframework.modulith.NamedInterface("lead")
package org.opencrm.sales.lead;
