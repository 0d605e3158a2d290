/**
 * Inbound e-mail to tickets and the mailbox view.
 */
@org.springframework.modulith.NamedInterface("mail")
package org.opencrm.service.mail;
