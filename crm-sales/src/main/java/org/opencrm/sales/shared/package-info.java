/**
 * Periods and scopes the sales pages share.
 */
@org.springframework.modulith.NamedInterface("shared")
package org.opencrm.sales.shared;
