package org.opencrm.marketing.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateMarkupTest {

	static final String TEXT = "Hi {{contact.firstName}}";

	static TemplateInvalidException refusal(String subject, String html, String text) {
		try {
			TemplateMarkup.check(subject, html, text);
		}
		catch (TemplateInvalidException ex) {
			return ex;
		}
		throw new AssertionError("accepted: " + html);
	}

	@Test
	void aWellFormedTemplateWithKnownFieldsIsAccepted() {
		TemplateMarkup.check("Hello {{ contact.firstName }}",
				"<html><body><p>Dear {{contact.firstName}} {{contact.lastName}},<br>news from {{account.name}}.</p>"
						+ "<img src=\"https://x.test/a.png\" alt=\"\"><p>{{owner.signature}}</p>"
						+ "<a href=\"{{unsubscribeUrl}}\">Unsubscribe</a><!-- a comment --></body></html>",
				"{{contact.email}} {{owner.fullName}}");
	}

	@Test
	void anUnknownMergeFieldIsRefusedWithItsLineAndColumn() {
		var ex = refusal("Hi", "<p>Line one</p>\n<p>Dear {{contact.nickname}}</p>", TEXT);

		assertThat(ex.field()).isEqualTo("htmlBody");
		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.column()).isEqualTo(9);
		assertThat(ex.code()).isEqualTo("template.field.unknown");
		assertThat(ex.args()).contains("contact.nickname");
		assertThat(ex.getMessage()).isEqualTo("Line 2:9: unknown merge field {{contact.nickname}}");
	}

	@Test
	void anUnknownFieldInTheSubjectOrTextIsRefusedThere() {
		assertThat(refusal("Hi {{first}}", "<p></p>", TEXT).field()).isEqualTo("subject");
		var ex = refusal("Hi", "<p></p>", "ok\nand {{contact.phone}}");
		assertThat(ex.field()).isEqualTo("textBody");
		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.column()).isEqualTo(5);
	}

	@Test
	void anUnclosedMergeFieldIsRefused() {
		var ex = refusal("Hi {{contact.firstName", "<p></p>", TEXT);
		assertThat(ex.code()).isEqualTo("template.field.unclosed");
		assertThat(ex.column()).isEqualTo(4);
	}

	@Test
	void anElementNeverClosedIsRefusedWhereItOpens() {
		var ex = refusal("Hi", "<div>\n  <p>text</p>\n  <table><tr><td>x</td></tr>\n</div>", TEXT);

		assertThat(ex.code()).isEqualTo("template.html.mismatch");
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.column()).isEqualTo(1);
		assertThat(ex.getMessage()).contains("</div>").contains("<table>").contains("3:3");
	}

	@Test
	void unbalancedMarkupAtTheEndNamesTheOpenTag() {
		var ex = refusal("Hi", "<p>one</p>\n<div><b>bold</b>", TEXT);
		assertThat(ex.code()).isEqualTo("template.html.unclosed");
		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.column()).isEqualTo(1);
		assertThat(ex.args()).contains("div");
	}

	@Test
	void aStrayClosingTagAnUnknownElementAndAScriptAreRefused() {
		assertThat(refusal("Hi", "<p>x</p></span>", TEXT).code()).isEqualTo("template.html.strayClose");
		assertThat(refusal("Hi", "<blink>x</blink>", TEXT).code()).isEqualTo("template.html.unknownTag");
		assertThat(refusal("Hi", "<p><script>alert(1)</script></p>", TEXT).code())
			.isEqualTo("template.html.forbiddenTag");
		assertThat(refusal("Hi", "<p class=\"a\"", TEXT).code()).isEqualTo("template.html.unclosedTag");
		assertThat(refusal("Hi", "<p>1 < 2</p>", TEXT).code()).isEqualTo("template.html.strayLessThan");
		assertThat(refusal("Hi", "<p>x</p><!-- open", TEXT).code()).isEqualTo("template.html.unclosedComment");
	}

	@Test
	void mergedValuesAreEscapedInTheHtmlPartOnly() {
		MergeData evil = new MergeData("<script>alert('x')</script>", "O\"Brien & Sons", "e@x.test", "<b>Acme</b>",
				"Mona", "m@x.test", "https://crm.test/u/abc");

		RenderedEmail r = TemplateMarkup.render("Hi {{contact.firstName}}",
				"<p>Hi {{contact.firstName}} {{contact.lastName}} of {{account.name}}</p><a href=\"{{unsubscribeUrl}}\">u</a>",
				"Hi {{contact.firstName}} of {{account.name}}", evil);

		assertThat(r.html())
			.isEqualTo("<p>Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; O&quot;Brien &amp; Sons of "
					+ "&lt;b&gt;Acme&lt;/b&gt;</p><a href=\"https://crm.test/u/abc\">u</a>");
		assertThat(r.text()).isEqualTo("Hi <script>alert('x')</script> of <b>Acme</b>");
		assertThat(r.subject()).isEqualTo("Hi <script>alert('x')</script>");
	}

	@Test
	void absoluteLinksAreRewrittenForClickTrackingWithTheRealUrl() {
		RenderedEmail r = TemplateMarkup.render("s", "<a href=\"https://x.test/?a=1&amp;b=2\">x</a>", "t",
				new MergeData("A", "B", null, null, null, null, null), url -> "https://crm.test/t/c/" + url.length());

		assertThat(r.html()).isEqualTo("<a href=\"https://crm.test/t/c/23\">x</a>");
	}

	@Test
	void aSubjectCannotSmuggleHeaderLines() {
		MergeData d = new MergeData("A\r\nBcc: x@evil.test", "B", null, null, null, null, null);
		assertThat(TemplateMarkup.render("Hi {{contact.firstName}}", "<p></p>", "", d).subject())
			.isEqualTo("Hi A Bcc: x@evil.test");
	}

	@Test
	void theOwnersSignatureIsTheirNameAndAddressOnTwoLines() {
		MergeData d = new MergeData("A", "B", null, null, "Mona Marketer", "mona@x.test", null);
		assertThat(TemplateMarkup.render("s", "<p>{{owner.signature}}</p>", "{{owner.signature}}", d).html())
			.isEqualTo("<p>Mona Marketer<br>mona@x.test</p>");
		assertThatThrownBy(() -> TemplateMarkup.check("s", "<p>{{owner.phone}}</p>", ""))
			.isInstanceOf(TemplateInvalidException.class);
	}

}
