package org.opencrm.core.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The one rule for every password a person sets (admin create/edit, portal registration,
 * change, reset): at least {@value #MIN_LENGTH} characters, at most {@value #MAX_BYTES}
 * bytes in UTF-8 (BCrypt reads no further, and Spring's encoder refuses longer ones), not
 * one of the 10,000 most common passwords (nor one with only digits and symbols around
 * it: "Password2026!"), and not containing the username. Length and a block list rather
 * than composition rules, as NIST SP 800-63B advises.
 */
@Component
public class PasswordPolicy {

	public static final int MIN_LENGTH = 10;

	public static final int MAX_BYTES = 72;

	private static final String COMMON_LIST = "common-passwords.txt";

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load();
	}

	/**
	 * What is wrong with {@code password} for the account {@code username}, if anything.
	 */
	public Optional<WeakPasswordException> problem(String username, String password) {
		String p = password == null ? "" : password;
		if (p.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of(new WeakPasswordException("password.tooLong",
					"The password may be at most " + MAX_BYTES + " bytes long.", MAX_BYTES));
		}
		if (p.codePointCount(0, p.length()) < MIN_LENGTH) {
			return Optional.of(new WeakPasswordException("password.tooShort",
					"The password needs at least " + MIN_LENGTH + " characters.", MIN_LENGTH));
		}
		String lower = p.toLowerCase(Locale.ROOT);
		// "Password2026!" is "password" with decoration: the core between leading and
		// trailing
		// digits and symbols counts too.
		String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
		if (common.contains(lower) || common.contains(core)) {
			return Optional.of(new WeakPasswordException("password.common",
					"This password is one of the most common ones; choose another."));
		}
		String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
		if (!name.isEmpty() && lower.contains(name)) {
			return Optional.of(new WeakPasswordException("password.containsUsername",
					"The password must not contain the username."));
		}
		return Optional.empty();
	}

	/** Throws the first {@link #problem} of the password. */
	public void check(String username, String password) {
		Optional<WeakPasswordException> problem = problem(username, password);
		if (problem.isPresent()) {
			throw problem.get();
		}
	}

	private static Set<String> load() {
		Set<String> words = new HashSet<>(16_384);
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + COMMON_LIST);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					words.add(line.strip().toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(words);
	}

}
