/**
 * Cross-sell suggestions from product affinity.
 */
@org.springframework.modulith.NamedInterface("crosssell")
package org.opencrm.sales.crosssell;
