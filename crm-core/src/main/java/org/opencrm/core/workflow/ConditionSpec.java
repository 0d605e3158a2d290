package org.opencrm.core.workflow;

/**
 * One condition of a rule: {@code field operator value}; all of a rule's conditions must
 * hold.
 */
public record ConditionSpec(String field, Operator operator, String value) {
}
