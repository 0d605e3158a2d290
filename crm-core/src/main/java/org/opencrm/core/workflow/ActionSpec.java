package org.opencrm.core.workflow;

/**
 * One action of a rule. Which parts it uses depends on its type: {@code field} (set
 * field), {@code value} (set field's value, a task's due days, a template id, a tag, a
 * webhook URL), {@code recipient} and {@code userId} (assign, task, notify), {@code text}
 * (a task's title, a notification's text).
 */
public record ActionSpec(ActionType type, String field, String value, Recipient recipient, Long userId, String text) {
}
