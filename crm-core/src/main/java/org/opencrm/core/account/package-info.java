/**
 * Accounts (companies): commands, details, list rows and filters; the entity and its
 * repository stay inside.
 */
@org.springframework.modulith.NamedInterface("account")
package org.opencrm.core.account;
