/**
 * Sales settings: after-sale follow-up days, when a lead counts as untouched.
 */
@org.springframework.modulith.NamedInterface("settings")
package org.opencrm.sales.settings;
