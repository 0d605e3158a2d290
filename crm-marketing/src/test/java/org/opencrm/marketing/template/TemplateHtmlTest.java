package org.opencrm.marketing.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Template HTML keeps what e-mail layouts need and loses what could run or redirect. */
class TemplateHtmlTest {

	@Test
	void eventHandlersScriptLinksAndBaseAreRemovedAndNamed() {
		var cleaned = TemplateHtml.clean("""
				<base href="https://evil.example/"><p onclick="steal()" onmouseover="x()">Hi</p>
				<a href="javascript:alert(1)">click</a> <a href=" JaVaScRiPt:alert(2)">again</a>
				<img src="x" onerror="alert(3)"><div style="background:url(javascript:alert(4))">s</div>
				<iframe src="https://evil.example/"></iframe><svg onload="alert(5)"></svg>""");

		assertThat(cleaned.html()).doesNotContainIgnoringCase("onclick")
			.doesNotContainIgnoringCase("onmouseover")
			.doesNotContainIgnoringCase("onerror")
			.doesNotContainIgnoringCase("onload")
			.doesNotContainIgnoringCase("javascript:")
			.doesNotContainIgnoringCase("<base")
			.doesNotContainIgnoringCase("<iframe")
			.doesNotContainIgnoringCase("<svg")
			.contains("<p>Hi</p>")
			.contains("click</a>");
		assertThat(cleaned.removed()).contains("<base>", "onclick on <p>", "onmouseover on <p>", "href on <a>",
				"onerror on <img>", "src on <img>", "style on <div>", "<iframe>", "<svg>");
	}

	@Test
	void whatEmailLayoutsUseIsKept() {
		String html = "<table width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#ffffff\">"
				+ "<tbody><tr><td align=\"center\" style=\"padding: 8px; color: #333333\">"
				+ "<img src=\"https://cdn.example/logo.png\" alt=\"Logo\" width=\"120\">"
				+ "<img src=\"cid:banner\" alt=\"\">" + "<p>Hello {{contact.firstName}}</p>"
				+ "<a href=\"https://example.com/offer?who={{contact.email}}\">Offer</a> "
				+ "<a href=\"mailto:{{owner.fullName}}@example.com\">Write</a> "
				+ "<a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>" + "</td></tr></tbody></table>";

		var cleaned = TemplateHtml.clean(html);

		assertThat(cleaned.removed()).isEmpty();
		assertThat(cleaned.html()).isEqualTo(html);
	}

	@Test
	void onlyAnAddressFieldMayBeAWholeLink() {
		var cleaned = TemplateHtml
			.clean("<a href=\"{{contact.firstName}}\">x</a><a href=\"{{ unsubscribeUrl }}\">u</a>");

		assertThat(cleaned.html()).isEqualTo("<a>x</a><a href=\"{{ unsubscribeUrl }}\">u</a>");
		assertThat(cleaned.removed()).containsExactly("href on <a>");
	}

}
