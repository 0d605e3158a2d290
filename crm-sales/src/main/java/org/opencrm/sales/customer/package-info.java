/**
 * Sales' read-only summary of a customer for the single-customer view.
 */
@org.springframework.modulith.NamedInterface("customer")
package org.opencrm.sales.customer;
