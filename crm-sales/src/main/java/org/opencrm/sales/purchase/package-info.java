/**
 * Purchase history (what an account bought), for the customer view.
 */
@org.springframework.modulith.NamedInterface("purchase")
package org.opencrm.sales.purchase;
