package org.opencrm.web.security;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * How the session's attributes are read from their stored bytes: Java serialisation, as
 * Spring Session's default, with the two attributes every request reads (the security
 * context and the CSRF token) kept per exact stored bytes instead of deserialised anew
 * each time: 4–8 % of a small page's CPU.
 * <p>
 * The bytes are the key, compared whole: a session whose stored context or token changed
 * (a sign-in, a new id, a changed language) has other bytes and is read afresh, and an
 * ended session (sign-out, a new password, an admin's change of access) is not found at
 * all, so nothing kept can outlive what is stored. Only values that nothing changes in
 * place are shared between requests:
 * <ul>
 * <li>the CSRF token ({@link DefaultCsrfToken}) is immutable;</li>
 * <li>a security context is not (sign-out empties it), so each read gets a new
 * {@link SecurityContextImpl} around the kept {@link Authentication}, which is shared the
 * way an in-memory servlet session shares it between a session's requests.</li>
 * </ul>
 * Every other attribute (flash messages, a saved request, the second factor's state) is
 * deserialised on each read as before.
 */
final class SessionAttributeReads implements Converter<byte[], Object> {

	/**
	 * Far more than the sessions active at once on one node; past it the kept values are
	 * dropped and read again.
	 */
	static final int MAX_KEPT = 4096;

	private final Converter<byte[], Object> deserializer;

	private final Map<Bytes, Object> kept = new ConcurrentHashMap<>();

	SessionAttributeReads(ClassLoader classLoader) {
		this.deserializer = new DeserializingConverter(classLoader);
	}

	/** Spring Session's default conversions, with this one for reading. */
	static ConversionService conversions(ClassLoader classLoader) {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversions.addConverter(byte[].class, Object.class, new SessionAttributeReads(classLoader));
		return conversions;
	}

	@Override
	public Object convert(byte[] stored) {
		// The repository reads a new array per attribute and row and never changes it.
		Bytes key = new Bytes(stored);
		Object value = this.kept.get(key);
		if (value != null) {
			return fresh(value);
		}
		value = this.deserializer.convert(stored);
		Object keep = keepable(value);
		if (keep != null) {
			if (this.kept.size() >= MAX_KEPT) {
				this.kept.clear();
			}
			this.kept.put(key, keep);
		}
		return value;
	}

	/** What may be kept for {@code value}, or null. */
	private static Object keepable(Object value) {
		if (value instanceof DefaultCsrfToken) {
			return value;
		}
		if (value != null && value.getClass() == SecurityContextImpl.class) {
			return new KeptContext(((SecurityContextImpl) value).getAuthentication());
		}
		return null;
	}

	private static Object fresh(Object kept) {
		return kept instanceof KeptContext context ? new SecurityContextImpl(context.authentication()) : kept;
	}

	/** A security context's authentication (null for an empty one). */
	private record KeptContext(Authentication authentication) {
	}

	/** Stored bytes as a key: equal when every byte is. */
	private static final class Bytes {

		private final byte[] bytes;

		private final int hash;

		Bytes(byte[] bytes) {
			this.bytes = bytes;
			this.hash = Arrays.hashCode(bytes);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Bytes that && this.hash == that.hash && Arrays.equals(this.bytes, that.bytes);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
