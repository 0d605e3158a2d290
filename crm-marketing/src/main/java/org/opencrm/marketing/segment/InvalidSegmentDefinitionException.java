package org.opencrm.marketing.segment;

import java.util.List;

/**
 * A segment definition names unknown fields or operators, or carries values that don't
 * fit them.
 */
public class InvalidSegmentDefinitionException extends RuntimeException {

	private final transient List<DefinitionProblem> problems;

	public InvalidSegmentDefinitionException(List<DefinitionProblem> problems) {
		super("Invalid segment definition: "
				+ problems.stream().map(p -> p.path() + ": " + p.defaultMessage()).toList());
		this.problems = List.copyOf(problems);
	}

	public List<DefinitionProblem> problems() {
		return problems;
	}

}
