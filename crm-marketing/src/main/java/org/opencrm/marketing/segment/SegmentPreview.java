package org.opencrm.marketing.segment;

import java.util.List;
import org.opencrm.core.shared.CappedCount;

/**
 * A definition's size (capped) and its first members by name, while it is being edited.
 */
public record SegmentPreview(CappedCount count, List<SegmentMember> rows) {
}
