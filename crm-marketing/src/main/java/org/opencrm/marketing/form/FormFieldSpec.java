package org.opencrm.marketing.form;

/**
 * One field on a form: which lead property, its label (blank: the standard label),
 * whether it must be filled.
 */
public record FormFieldSpec(FormField field, String label, boolean required) {
}
