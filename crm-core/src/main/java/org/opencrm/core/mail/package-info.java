/**
 * The one way the app sends e-mail: an outbox with retries, system mails from Thymeleaf
 * templates, HTML to text and merge fields.
 */
@org.springframework.modulith.NamedInterface("mail")
package org.opencrm.core.mail;
