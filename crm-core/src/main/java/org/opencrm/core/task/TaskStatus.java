package org.opencrm.core.task;

public enum TaskStatus {

	OPEN, DONE

}
