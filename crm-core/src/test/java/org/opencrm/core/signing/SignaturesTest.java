package org.opencrm.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class SignaturesTest {

	@Autowired
	Signatures signatures;

	@Autowired
	JdbcClient jdbc;

	static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void theGeneratedSecretIsStoredOnceSoAnotherNodeVerifiesTheSameSignatures() {
		byte[] signature = signatures.sign("links", bytes("o:42"));
		Signatures otherNode = new Signatures(jdbc, new SigningSettings(""));

		assertThat(jdbc.sql("select value from app_secrets where name = 'token-secret'").query(String.class).single())
			.hasSize(64);
		assertThat(otherNode.verify("links", bytes("o:42"), signature)).isTrue();
	}

	@Test
	void aSignatureHoldsOnlyForItsPayloadPurposeAndSecret() {
		byte[] signature = signatures.sign("links", bytes("o:42"));

		assertThat(signatures.verify("links", bytes("o:43"), signature)).isFalse();
		assertThat(signatures.verify("surveys", bytes("o:42"), signature)).isFalse();
		assertThat(signatures.verify("links", bytes("o:42"), null)).isFalse();
		assertThat(new Signatures(jdbc, new SigningSettings("configured elsewhere")).verify("links", bytes("o:42"),
				signature))
			.isFalse();
		Signatures configured = new Signatures(jdbc, new SigningSettings("configured elsewhere"));
		assertThat(configured.verify("links", bytes("o:42"), configured.sign("links", bytes("o:42")))).isTrue();
	}

}
