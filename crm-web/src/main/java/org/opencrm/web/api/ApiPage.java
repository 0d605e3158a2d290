package org.opencrm.web.api;

import java.util.List;

/**
 * One page of a JSON list. Lists are paged by keyset: pass {@code next} back as
 * {@code cursor} for the following page; it is null on the last page.
 */
public record ApiPage<T>(List<T> items, String next) {
}
