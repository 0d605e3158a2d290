package org.opencrm.web.task;

import java.time.LocalDate;
import java.time.LocalTime;
import org.opencrm.core.task.Reminder;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.shared.Actor;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.PageSize;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Puts a customer's open follow-ups, and the form to schedule one, on their page. */
@Component
public class TaskSection {

	private final TaskService tasks;

	private final Formats fmt;

	TaskSection(TaskService tasks, Formats fmt) {
		this.tasks = tasks;
		this.fmt = fmt;
	}

	public void addTo(Model model, Long accountId, Long contactId, String returnTo) {
		model.addAttribute("tasks", tasks.openFor(accountId, contactId, PageSize.SECTION));
		model.addAttribute("reminderChoices", Reminder.values());
		if (!model.containsAttribute("taskForm")) {
			// Default: tomorrow at nine, for whoever is scheduling it.
			var due = LocalDate.now(fmt.zone()).plusDays(1).atTime(LocalTime.of(9, 0));
			model.addAttribute("taskForm", TaskForm.of(due, Actor.currentIdOrNull(), accountId, contactId, returnTo));
		}
	}

}
