package org.opencrm.web.timeline;

import java.util.List;
import org.opencrm.core.timeline.MentionMarkup;
import org.springframework.stereotype.Component;

/**
 * {@code @mentionMarkup} in templates: a timeline entry's words split into text and the
 * {@code @username}s that notified someone, each rendered escaped.
 */
@Component("mentionMarkup")
class MentionParts {

	public List<MentionMarkup.Part> of(String text) {
		return MentionMarkup.split(text);
	}

}
