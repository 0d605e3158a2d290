package org.opencrm.web.timeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import org.opencrm.core.timeline.InteractionKind;
import org.springframework.format.annotation.DateTimeFormat;

/** Logging a call, e-mail, meeting or note; {@code occurredAt} empty means "now". */
record InteractionForm(@NotNull InteractionKind kind, @NotBlank @Size(max = 300) String subject,
		@Size(max = 10_000) String body,
		@PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime occurredAt, Long contactId) {

	static InteractionForm empty() {
		return new InteractionForm(InteractionKind.CALL, "", "", null, null);
	}
}
