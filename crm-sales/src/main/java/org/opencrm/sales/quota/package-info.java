/**
 * Quotas per rep and period.
 */
@org.springframework.modulith.NamedInterface("quota")
package org.opencrm.sales.quota;
