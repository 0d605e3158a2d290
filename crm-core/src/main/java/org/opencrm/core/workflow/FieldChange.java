package org.opencrm.core.workflow;

/** A field's value before and after a change, as text (null for none). */
public record FieldChange(String from, String to) {
}
