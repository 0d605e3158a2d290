package org.opencrm.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeFieldsTest {

	@Test
	void fieldsAreFilledAndAnUnknownOneStaysAsTypedOrGoes() {
		Map<String, String> values = Map.of("contact.firstName", "Zoë", "ticket.number", "T-7");
		String text = "Hi {{ contact.firstName }}, about {{ticket.number}} ({{tikcet.subject}}) $1";

		assertThat(MergeFields.fill(text, values, MergeFields.Unknown.KEEP))
			.isEqualTo("Hi Zoë, about T-7 ({{tikcet.subject}}) $1");
		assertThat(MergeFields.fill(text, values, MergeFields.Unknown.EMPTY)).isEqualTo("Hi Zoë, about T-7 () $1");
	}

	@Test
	void valuesAreEscapedForHtml() {
		assertThat(MergeFields.fill("<p>{{contact.firstName}}</p>", Map.of("contact.firstName", "<b>Ann & Co</b>"),
				HtmlText::escape, MergeFields.Unknown.EMPTY))
			.isEqualTo("<p>&lt;b&gt;Ann &amp; Co&lt;/b&gt;</p>");
	}

}
