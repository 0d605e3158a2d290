/**
 * Saved list views: a user's named filters, visible columns and sort for one of the
 * working lists (accounts, contacts, leads, deals), private or shared with all staff.
 */
@org.springframework.modulith.NamedInterface("view")
package org.opencrm.core.view;
