package org.opencrm.web.notification;

import java.util.EnumMap;
import java.util.Map;
import org.opencrm.core.notification.EmailDelivery;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.user.CrmUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A user's choice, per kind of notification, of how it reaches them by e-mail: not at
 * all, at once, or in the daily digest. A value the form doesn't offer changes nothing
 * and is answered with the form and a message (400).
 */
@Controller
@RequestMapping("/me/notifications")
class NotificationSettingsController {

	private final Notifications notifications;

	NotificationSettingsController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	String form(@AuthenticationPrincipal CrmUser me, Model model) {
		return page(notifications.preferences(me.id()), false, model);
	}

	@PostMapping
	String save(@AuthenticationPrincipal CrmUser me, @RequestParam Map<String, String> form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Map<NotificationKind, EmailDelivery> choices = new EnumMap<>(NotificationKind.class);
		for (NotificationKind kind : NotificationKind.values()) {
			String value = form.get(kind.name());
			if (value == null) {
				continue;
			}
			try {
				choices.put(kind, EmailDelivery.valueOf(value));
			}
			catch (IllegalArgumentException ex) {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				Map<NotificationKind, EmailDelivery> shown = notifications.preferences(me.id());
				return page(shown, true, model);
			}
		}
		notifications.savePreferences(me.id(), choices);
		redirect.addFlashAttribute("flash", "flash.notification.settingsSaved");
		return "redirect:/me/notifications";
	}

	private String page(Map<NotificationKind, EmailDelivery> choices, boolean invalid, Model model) {
		model.addAttribute("kinds", NotificationKind.values());
		model.addAttribute("deliveries", EmailDelivery.values());
		model.addAttribute("choices", choices);
		model.addAttribute("invalid", invalid);
		return "notification/settings";
	}

}
