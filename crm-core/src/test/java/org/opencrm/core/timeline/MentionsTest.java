package org.opencrm.core.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencrm.core.timeline.MentionMarkup.Part;

class MentionsTest {

	@Test
	void aMentionIsAnAtHandleAfterASpaceAndNeverPartOfAnEmailAddress() {
		assertThat(Mentions.handles("@Anna see this, cc @bob.smith. Mail carl@example.com or @dana_x!", null))
			.containsExactly("anna", "bob.smith", "dana_x");
		assertThat(Mentions.handles("no mentions @ all", "x@y")).isEmpty();
	}

	@Test
	void theMarkupKeepsEveryCharacterAndMarksOnlyTheMentions() {
		assertThat(MentionMarkup.split("Ask @anna, not a@b.c")).containsExactly(new Part("Ask ", false),
				new Part("@anna", true), new Part(", not a@b.c", false));
		assertThat(MentionMarkup.split(null)).isEmpty();
	}

}
