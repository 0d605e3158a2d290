/**
 * Shared kernel types: keyset paging, rule violations, not-found and stale-edit
 * exceptions, tags, lifecycle stages, the base entity.
 */
@org.springframework.modulith.NamedInterface("shared")
package org.opencrm.core.shared;
