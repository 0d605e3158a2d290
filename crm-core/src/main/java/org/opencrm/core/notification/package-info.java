/**
 * Notifications for users: the one way any module tells a user about something that needs
 * them (a record assigned to them, a mention in a note, an SLA warning, a task reminder,
 * a workflow action) — {@link org.opencrm.core.notification.Notifications} — read in the
 * app (the bell and its page) and, by each user's choice per kind, mailed at once or in a
 * daily digest.
 */
@org.springframework.modulith.NamedInterface("notification")
package org.opencrm.core.notification;
