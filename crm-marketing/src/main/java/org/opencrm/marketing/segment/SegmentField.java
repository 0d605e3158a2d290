package org.opencrm.marketing.segment;

import java.util.List;

/**
 * A field the segment editor offers, with the operators allowed on it and the kind of
 * value it takes. Facts other modules know (has an open deal…) are fields with operators
 * {@code has} / {@code has_not} and no values.
 */
public record SegmentField(String key, String labelCode, List<String> operators, ValueType valueType,
		List<String> choices, String choiceLabelPrefix) {

	public SegmentField(String key, String labelCode, List<String> operators, ValueType valueType) {
		this(key, labelCode, operators, valueType, List.of(), null);
	}

	public enum ValueType {

		/** Lifecycle stage names. */
		STAGE,
		/** Free text, compared without regard to case. */
		TEXT,
		/** Tags, lower case. */
		TAG,
		/** User ids. */
		USER,
		/** ISO dates (from, to; either may be empty). */
		DATE,
		/** Whole numbers (min, max; either may be empty). */
		INTEGER,
		/** true or false. */
		BOOLEAN,
		/** One or more of {@link SegmentField#choices()} (upper case). */
		CHOICE,
		/** No value. */
		NONE

	}

	/** How many values an operator takes: -1 one or more, otherwise exactly that many. */
	public static int arity(String operator) {
		return switch (operator) {
			case "in", "not_in", "any", "all", "none" -> -1;
			case "contains", "last_days", "not_last_days", "is" -> 1;
			case "between" -> 2;
			default -> 0;
		};
	}

	/** The value type of an operator: day counts are numbers whatever the field. */
	public ValueType valueTypeOf(String operator) {
		return switch (operator) {
			case "last_days", "not_last_days" -> ValueType.INTEGER;
			case "is_empty", "has", "has_not" -> ValueType.NONE;
			default -> valueType;
		};
	}
}
