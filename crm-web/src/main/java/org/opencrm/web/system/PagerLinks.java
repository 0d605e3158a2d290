package org.opencrm.web.system;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/** Links to the current page with one query parameter changed, for pagers and filters. */
@Component("pagerLinks")
public class PagerLinks {

	/**
	 * {@code value} must be URL-safe already (cursors are); null removes the parameter.
	 */
	public String with(String name, String value) {
		var builder = ServletUriComponentsBuilder.fromCurrentRequest();
		if (value == null) {
			builder.replaceQueryParam(name);
		}
		else {
			builder.replaceQueryParam(name, value);
		}
		// The request's query is already encoded: build without encoding it a second
		// time.
		UriComponents uri = builder.build(true);
		return uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
	}

}
