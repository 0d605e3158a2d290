package org.opencrm.core.shared;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A record can't be deleted while others hold it. The message lists what holds it, each
 * kind resolved from its own message key in the reader's language (the list is one
 * argument whose parts the message source resolves in turn), e.g. "This person can't be
 * deleted: 3 tickets, 1 portal user still refer to them."
 */
public class RecordInUseException extends RuleViolationException {

	private final transient List<Holder> holders;

	/**
	 * @param code message key with the list as {@code {0}}
	 * @param holders message key (count as {@code {0}}) and count of each kind
	 */
	public RecordInUseException(String code, String what, List<Holder> holders) {
		super(code,
				what + " is still referred to by "
						+ holders.stream().map(h -> h.count() + " " + h.code()).collect(Collectors.joining(", ")),
				list(holders));
		this.holders = List.copyOf(holders);
	}

	public List<Holder> holders() {
		return holders;
	}

	private static DefaultMessageSourceResolvable list(List<Holder> holders) {
		Object[] parts = holders.stream()
			.map(h -> new DefaultMessageSourceResolvable(new String[] { h.code() }, new Object[] { h.count() },
					h.count() + " " + h.code()))
			.toArray();
		String pattern = IntStream.range(0, parts.length)
			.mapToObj(i -> "{" + i + "}")
			.collect(Collectors.joining(", "));
		return new DefaultMessageSourceResolvable(null, parts, pattern);
	}

	/** {@code count} records of the kind named by the message key {@code code}. */
	public record Holder(String code, long count) {

		/** {@code count} records hold it, as a list: empty when there are none. */
		public static List<Holder> ifAny(String code, long count) {
			return count == 0 ? List.of() : List.of(new Holder(code, count));
		}

	}

}
