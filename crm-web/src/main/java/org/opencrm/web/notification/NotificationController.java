package org.opencrm.web.notification;

import java.util.Locale;
import org.opencrm.core.notification.NotificationList;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.user.CrmUser;
import org.opencrm.web.system.PageSize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's notifications: the page (newest first, all or unread), opening one
 * (marks it read and goes to its record), marking one or all read, and the bell's htmx
 * refresh. Someone else's notification is "not found".
 */
@Controller
@RequestMapping("/notifications")
class NotificationController {

	private final NotificationList list;

	private final Notifications notifications;

	NotificationController(NotificationList list, Notifications notifications) {
		this.list = list;
		this.notifications = notifications;
	}

	@GetMapping
	String page(@AuthenticationPrincipal CrmUser me, @RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) String cursor, Locale locale, Model model) {
		model.addAttribute("unreadOnly", unread);
		model.addAttribute("page", list.page(me.id(), unread, cursor, PageSize.LIST, locale));
		return "notification/list";
	}

	/** The bell alone, for htmx to swap in every minute. */
	@GetMapping("/bell")
	String bell() {
		return "notification/bell :: bell";
	}

	/** Marks it read and opens its record (or the list, for one about none). */
	@PostMapping("/{id}/open")
	String open(@PathVariable long id, @AuthenticationPrincipal CrmUser me) {
		return "redirect:" + notifications.markRead(me.id(), id).orElse("/notifications");
	}

	@PostMapping("/{id}/read")
	String read(@PathVariable long id, @AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		notifications.markRead(me.id(), id);
		redirect.addFlashAttribute("flash", "flash.notification.read");
		return "redirect:/notifications";
	}

	@PostMapping("/read-all")
	String readAll(@AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		notifications.markAllRead(me.id());
		redirect.addFlashAttribute("flash", "flash.notification.allRead");
		return "redirect:/notifications";
	}

}
