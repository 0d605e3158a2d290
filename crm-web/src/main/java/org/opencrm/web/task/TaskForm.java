package org.opencrm.web.task;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import org.springframework.format.annotation.DateTimeFormat;

/** Scheduling a follow-up from the tasks page or a customer's page. */
record TaskForm(@NotBlank @Size(max = 200) String title, @Size(max = 5000) String description,
		@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime dueAt, @NotNull Long assigneeId,
		Long accountId, Long contactId, String returnTo) {
}
