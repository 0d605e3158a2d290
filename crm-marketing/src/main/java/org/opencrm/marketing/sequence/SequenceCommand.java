package org.opencrm.marketing.sequence;

import java.util.List;

/**
 * A new sequence: its steps in order, and what enrols contacts automatically — a new
 * contact carrying {@code enrolTag}, or a converted lead's contact.
 */
public record SequenceCommand(String name, String enrolTag, boolean enrolOnLeadConverted, List<Step> steps) {
}
