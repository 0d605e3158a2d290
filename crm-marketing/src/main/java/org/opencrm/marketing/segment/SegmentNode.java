package org.opencrm.marketing.segment;

import java.util.List;

/**
 * A dynamic segment's definition: a tree of AND/OR groups whose leaves are criteria over
 * contacts, their accounts and their activity. Stored as JSON
 * ({@link SegmentDefinitions}), compiled to one SQL statement ({@link SegmentCompiler}).
 */
public sealed interface SegmentNode {

	/** {@code op} is AND or OR; a group without items matches every contact. */
	record Group(String op, List<SegmentNode> items) implements SegmentNode {

		public Group {
			items = List.copyOf(items);
		}

		public static Group and(SegmentNode... items) {
			return new Group("AND", List.of(items));
		}

		public static Group or(SegmentNode... items) {
			return new Group("OR", List.of(items));
		}
	}

	/**
	 * A field (e.g. {@code stage}), an operator (e.g. {@code in}) and its values as
	 * typed.
	 */
	record Criterion(String field, String operator, List<String> values) implements SegmentNode {

		public Criterion {
			values = values == null ? List.of() : values.stream().map(v -> v == null ? "" : v).toList();
		}

		public static Criterion of(String field, String operator, String... values) {
			return new Criterion(field, operator, List.of(values));
		}
	}

}
