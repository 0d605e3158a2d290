package org.opencrm.core.search;

import java.util.List;

public record SearchResults(String query, List<SearchHit> accounts, List<SearchHit> contacts) {

	public boolean isEmpty() {
		return accounts.isEmpty() && contacts.isEmpty();
	}
}
