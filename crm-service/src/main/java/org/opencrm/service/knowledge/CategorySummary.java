package org.opencrm.service.knowledge;

/** A category with how many articles the reader may see in it. */
public record CategorySummary(long id, String name, String description, long articles) {
}
