package org.opencrm.core.workflow;

import java.util.List;
import java.util.function.Supplier;

/**
 * The rules acting on this thread, oldest first: set while a rule's actions run, so a
 * change they cause carries it ({@link RecordChanges}) and the engine can stop a rule
 * from firing on its own change and a chain from going on forever.
 */
final class WorkflowChain {

	private static final ThreadLocal<List<Long>> CURRENT = new ThreadLocal<>();

	private WorkflowChain() {
	}

	static List<Long> current() {
		List<Long> chain = CURRENT.get();
		return chain == null ? List.of() : chain;
	}

	static <T> T within(List<Long> chain, Supplier<T> work) {
		List<Long> before = CURRENT.get();
		CURRENT.set(List.copyOf(chain));
		try {
			return work.get();
		}
		finally {
			if (before == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(before);
			}
		}
	}

}
