package org.opencrm.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;

/** Comparisons of conditions, and where webhooks may go (no database). */
class WorkflowValuesTest {

	@Test
	void conditionsCompareByTheFieldsType() {
		assertThat(Operator.EQUALS.test(FieldType.CHOICE, "Negotiation", "negotiation")).isTrue();
		assertThat(Operator.NOT_EQUALS.test(FieldType.TEXT, null, "x")).isTrue();
		assertThat(Operator.GREATER_THAN.test(FieldType.NUMBER, "12000.00 EUR", "9999")).isTrue();
		assertThat(Operator.LESS_THAN.test(FieldType.NUMBER, "100", "99.5")).isFalse();
		assertThat(Operator.EQUALS.test(FieldType.NUMBER, "100.00", "100")).isTrue();
		assertThat(Operator.LESS_THAN.test(FieldType.DATE, "2026-01-31", "2026-02-01")).isTrue();
		assertThat(Operator.CONTAINS.test(FieldType.TEXT, "Ferry Charter", "charter")).isTrue();
		assertThat(Operator.IS_EMPTY.test(FieldType.TEXT, " ", null)).isTrue();
		assertThat(Operator.GREATER_THAN.test(FieldType.NUMBER, null, "1")).isFalse();
	}

	@Test
	void webhooksGoOnlyToPublicHttpAddressesUnlessInternalOnesAreAllowed() {
		for (String url : new String[] { "http://127.0.0.1/x", "http://localhost:8080/", "http://10.1.2.3/",
				"http://192.168.0.10/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://0.0.0.0/",
				"http://[fd00::1]/" }) {
			assertThatThrownBy(() -> UrlGuard.check(url, false, "url")).as(url)
				.isInstanceOfSatisfying(RuleViolationException.class,
						ex -> assertThat(ex.code()).isEqualTo("workflow.webhook.url.private"));
		}
		for (String url : new String[] { "ftp://example.com/", "javascript:alert(1)", "not a url", "",
				"https://user:pw@93.184.216.34/" }) {
			assertThatThrownBy(() -> UrlGuard.check(url, false, "url")).as(url)
				.isInstanceOfSatisfying(RuleViolationException.class,
						ex -> assertThat(ex.code()).isEqualTo("workflow.webhook.url.invalid"));
		}
		assertThat(UrlGuard.check("https://93.184.216.34/hook", false, "url").getPort()).isEqualTo(-1);
		assertThat(UrlGuard.check("http://127.0.0.1:9/x", true, "url").getPort()).isEqualTo(9);
	}

	@Test
	void aSignatureCoversTheTimeAndTheBody() {
		String header = WebhookSigner.sign("whsec_key", 1_700_000_000L, "{\"a\":1}");
		assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
		assertThat(WebhookSigner.verify("whsec_key", header, "{\"a\":1}")).isTrue();
		assertThat(WebhookSigner.verify("whsec_key", header.replace("t=17", "t=18"), "{\"a\":1}")).isFalse();
		assertThat(WebhookSigner.verify("whsec_key", "garbage", "{\"a\":1}")).isFalse();
	}

}
