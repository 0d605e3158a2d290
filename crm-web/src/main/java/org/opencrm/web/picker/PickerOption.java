package org.opencrm.web.picker;

import java.io.Serializable;

/**
 * One suggestion: the record's id, its name and a detail that tells namesakes apart (a
 * contact's company, a segment's kind); {@code path} is its page.
 */
public record PickerOption(long id, String name, String detail, String path) implements Serializable {
}
