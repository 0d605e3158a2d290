package org.opencrm.core.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Re-sending incomplete event publications ({@code crm.events.resubmission.*}).
 *
 * @param enabled {@code false}: this node never re-sends (another node, or a person
 * through Spring Modulith's API, does)
 * @param staleAfter a publication this old and still incomplete is taken to be lost (its
 * node crashed, or its listener failed) and is sent again; keep it well above the longest
 * time a listener takes
 * @param interval how often the node holding the lease looks for stale publications
 * @param lease how long a node holds the lease without renewing it; another node takes
 * over after that (keep it above the interval)
 * @param receiptsKeptFor how long {@link EventReceipts} remember an event (longer than
 * any publication stays incomplete)
 */
@ConfigurationProperties("crm.events.resubmission")
public record EventResubmissionSettings(@DefaultValue("true") boolean enabled,
		@DefaultValue("PT5M") Duration staleAfter, @DefaultValue("PT1M") Duration interval,
		@DefaultValue("PT3M") Duration lease, @DefaultValue("P30D") Duration receiptsKeptFor) {
}
