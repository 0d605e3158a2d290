/**
 * Partners and their performance.
 */
@org.springframework.modulith.NamedInterface("partner")
package org.opencrm.sales.partner;
