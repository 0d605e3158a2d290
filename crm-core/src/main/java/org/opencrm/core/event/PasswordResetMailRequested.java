package org.opencrm.core.event;

import java.time.Duration;

/**
 * Someone asked for a password reset link for this account: the module that sends mail
 * sends {@code link} (a secret, valid for {@code validFor}) to {@code to}. Raised inside
 * the request's transaction; handle it there (queue the mail), don't store it elsewhere.
 */
public record PasswordResetMailRequested(long userId, String to, String name, String link, Duration validFor) {
}
