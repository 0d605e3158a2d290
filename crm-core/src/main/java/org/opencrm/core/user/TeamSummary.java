package org.opencrm.core.user;

public record TeamSummary(long id, String name, long members, long version) {
}
