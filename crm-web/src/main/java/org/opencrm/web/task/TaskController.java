package org.opencrm.web.task;

import jakarta.validation.Valid;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.Reminder;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.task.TaskStatus;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.PageSize;
import org.opencrm.web.system.Paths;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My tasks", scheduling follow-ups, and ticking them off. */
@Controller
@RequestMapping("/tasks")
class TaskController {

	private final TaskService tasks;

	private final UserDirectory users;

	private final Formats fmt;

	private final AccountAccess access;

	TaskController(TaskService tasks, UserDirectory users, Formats fmt, AccountAccess access) {
		this.tasks = tasks;
		this.users = users;
		this.fmt = fmt;
		this.access = access;
	}

	@GetMapping
	String mine(@AuthenticationPrincipal CrmUser me, @RequestParam(defaultValue = "OPEN") TaskStatus status,
			@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("status", status);
		model.addAttribute("page", tasks.forAssignee(me.id(), status, cursor, PageSize.LIST));
		model.addAttribute("counts", tasks.counts(me.id(), fmt.zone()));
		// Due reminders show here rather than as a badge in the menu, which would cost
		// every page a query.
		model.addAttribute("reminders", tasks.remindersDue(me.id(), PageSize.SECTION));
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("reminderChoices", Reminder.values());
		if (!model.containsAttribute("taskForm")) {
			model.addAttribute("taskForm", TaskForm.of(null, me.id(), null, null, "/tasks"));
		}
		return "task/list";
	}

	@PostMapping
	String create(@Valid @ModelAttribute("taskForm") TaskForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		// A follow-up about a customer the user may not see: "not found", like the
		// customer's page —
		// before the form's own messages, so they don't tell an invisible customer apart.
		if (form.getAccountId() != null) {
			access.requireAccount(form.getAccountId(), Visibility.of(me));
		}
		if (form.getContactId() != null) {
			access.requireContact(form.getContactId(), Visibility.of(me));
		}
		String back = Paths.localOr(form.getReturnTo(), "/tasks");
		if (result.hasErrors()) {
			redirect.addFlashAttribute("taskForm", form);
			redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + "taskForm", result);
			redirect.addFlashAttribute("flashError", "flash.fixErrors");
			return "redirect:" + back;
		}
		tasks.create(
				new CreateTask(form.getTitle().trim(), form.getDescription(), fmt.toInstant(form.getDueAt()),
						form.getAssigneeId(), form.getAccountId(), form.getContactId(), null, form.getReminder()),
				Visibility.of(me));
		redirect.addFlashAttribute("flash", "flash.task.created");
		return "redirect:" + back;
	}

	@PostMapping("/{id}/complete")
	String complete(@PathVariable long id, @AuthenticationPrincipal CrmUser me,
			@RequestParam(required = false) String returnTo, RedirectAttributes redirect) {
		mayChange(id, me);
		tasks.complete(id);
		redirect.addFlashAttribute("flash", "flash.task.done");
		return "redirect:" + Paths.localOr(returnTo, "/tasks");
	}

	/**
	 * Moves a task's due time (and its reminder) to later; a stale version is a conflict.
	 */
	@PostMapping("/{id}/snooze")
	String snooze(@PathVariable long id, @RequestParam Snooze until, @RequestParam long version,
			@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) String returnTo,
			RedirectAttributes redirect) {
		mayChange(id, me);
		tasks.reschedule(id, until.from(fmt.now(), fmt.zone()), version);
		redirect.addFlashAttribute("flash", "flash.task.snoozed");
		return "redirect:" + Paths.localOr(returnTo, "/tasks");
	}

	@PostMapping("/{id}/reopen")
	String reopen(@PathVariable long id, @AuthenticationPrincipal CrmUser me,
			@RequestParam(required = false) String returnTo, RedirectAttributes redirect) {
		mayChange(id, me);
		tasks.reopen(id);
		redirect.addFlashAttribute("flash", "flash.task.reopened");
		return "redirect:" + Paths.localOr(returnTo, "/tasks?status=DONE");
	}

	/**
	 * Assignees tick off their own tasks; managers and admins anyone's. Others get a 404.
	 */
	private void mayChange(long id, CrmUser me) {
		if (tasks.assigneeOf(id) != me.id() && me.role() != Role.ADMIN && me.role() != Role.MANAGER) {
			throw new NotFoundException("Task", id);
		}
	}

}
