package org.opencrm.web.lists;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A list people work in: where it lives, which request parameters are its filters, and
 * which columns it can show (the first is always shown; the default set when none is
 * chosen).
 */
public enum ListKind {

	ACCOUNTS("accounts", "/accounts", List.of("q", "owner", "stage", "tag"),
			List.of("name", "industry", "city", "stage", "owner", "contacts"),
			List.of("name", "industry", "city", "stage", "owner", "contacts")),

	CONTACTS("contacts", "/contacts", List.of("q", "owner", "stage", "tag", "account"),
			List.of("name", "account", "email", "phone", "stage", "owner"),
			List.of("name", "account", "email", "phone", "stage", "owner")),

	LEADS("leads", "/leads", List.of("q", "status", "owner", "source"),
			List.of("name", "company", "email", "source", "status", "score", "owner", "created"),
			List.of("name", "company", "email", "source", "status", "score", "owner", "created")),

	DEALS("deals", "/opportunities",
			List.of("q", "owner", "team", "pipeline", "stage", "status", "closeFrom", "closeTo", "closedFrom",
					"closedTo"),
			List.of("name", "account", "dealStage", "amount", "close", "owner"),
			List.of("name", "account", "dealStage", "amount", "close", "owner"));

	private final String key;

	private final String path;

	private final List<String> filterKeys;

	private final List<String> columns;

	private final List<String> defaultColumns;

	ListKind(String key, String path, List<String> filterKeys, List<String> columns, List<String> defaultColumns) {
		this.key = key;
		this.path = path;
		this.filterKeys = filterKeys;
		this.columns = columns;
		this.defaultColumns = defaultColumns;
	}

	/** The name saved views are stored under. */
	public String key() {
		return key;
	}

	public String path() {
		return path;
	}

	public List<String> columns() {
		return columns;
	}

	static ListKind of(String key) {
		for (ListKind kind : values()) {
			if (kind.key.equals(key)) {
				return kind;
			}
		}
		return null;
	}

	/**
	 * The chosen columns this list knows, in the list's order, its first always included;
	 * the default set when none is chosen.
	 */
	public List<String> visibleColumns(Collection<String> chosen) {
		Set<String> picked = chosen == null ? Set.of() : new LinkedHashSet<>(chosen);
		List<String> visible = columns.stream().filter(picked::contains).toList();
		if (visible.isEmpty()) {
			return defaultColumns;
		}
		List<String> withFirst = new ArrayList<>(visible);
		if (!withFirst.contains(columns.get(0))) {
			withFirst.add(0, columns.get(0));
		}
		return withFirst;
	}

	/**
	 * The list's filter parameters out of {@code params} (decoded values), re-encoded as
	 * a query string without {@code ?}: what a saved view keeps and an export or a bulk
	 * action goes back to. Unknown parameters (the cursor too) are dropped.
	 */
	public String filterQuery(Map<String, String[]> params) {
		UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
		for (String name : filterKeys) {
			String[] values = params.get(name);
			if (values != null) {
				for (String value : values) {
					if (value != null && !value.isBlank()) {
						uri.queryParam(name, value.strip());
					}
				}
			}
		}
		String query = uri.encode().build().getQuery();
		return query == null ? "" : query;
	}

	/** {@link #filterQuery(Map)} of an already encoded query string (a form's copy). */
	public String filterQuery(String encoded) {
		if (encoded == null || encoded.isBlank()) {
			return "";
		}
		MultiValueMap<String, String> raw = UriComponentsBuilder.fromUriString("/?" + encoded.strip())
			.build()
			.getQueryParams();
		MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>();
		raw.forEach((name, values) -> values
			.forEach(v -> decoded.add(name, v == null ? null : UriUtils.decode(v.replace('+', ' '), "UTF-8"))));
		Map<String, String[]> params = new java.util.HashMap<>();
		decoded.forEach((name, values) -> params.put(name, values.toArray(String[]::new)));
		return filterQuery(params);
	}

	/** The CSV export of the list with these filters and sort. */
	public String exportHref(String filterQuery, String sort) {
		String query = filterQuery == null ? "" : filterQuery;
		if (sort != null && !sort.isBlank()) {
			String s = UriComponentsBuilder.newInstance().queryParam("sort", sort).encode().build().getQuery();
			query = query.isEmpty() ? s : query + "&" + s;
		}
		return path + "/export" + (query.isEmpty() ? "" : "?" + query);
	}

	/**
	 * The list's address with filters, sort and columns (columns only when they differ
	 * from the default), and the view it came from.
	 */
	public String href(String filterQuery, String sort, List<String> chosenColumns, Long viewId) {
		StringBuilder query = new StringBuilder(filterQuery == null ? "" : filterQuery);
		UriComponentsBuilder extra = UriComponentsBuilder.newInstance();
		if (sort != null && !sort.isBlank()) {
			extra.queryParam("sort", sort);
		}
		List<String> visible = visibleColumns(chosenColumns);
		if (!visible.equals(defaultColumns)) {
			visible.forEach(c -> extra.queryParam("cols", c));
		}
		if (viewId != null) {
			extra.queryParam("view", viewId);
		}
		String more = extra.encode().build().getQuery();
		if (more != null && !more.isEmpty()) {
			query.append(query.isEmpty() ? "" : "&").append(more);
		}
		return path + (query.isEmpty() ? "" : "?" + query);
	}

}
