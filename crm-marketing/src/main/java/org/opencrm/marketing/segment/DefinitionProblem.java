package org.opencrm.marketing.segment;

/**
 * What is wrong with one part of a segment definition. {@code path} names the part, e.g.
 * {@code items[1].items[0].operator}; {@code code} is a message key, {@code args} its
 * arguments.
 */
public record DefinitionProblem(String path, String code, String defaultMessage, Object... args) {
}
