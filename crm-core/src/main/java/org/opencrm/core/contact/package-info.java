/**
 * Contacts (people): commands, details, list rows and filters, consent changes; the
 * entity and its repository stay inside.
 */
@org.springframework.modulith.NamedInterface("contact")
package org.opencrm.core.contact;
