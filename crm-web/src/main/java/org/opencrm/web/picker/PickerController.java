package org.opencrm.web.picker;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.opencrm.core.user.CrmUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The pickers' suggestions (htmx loads them while the user types): a list of names to
 * choose from, at most {@link Pickers#LIMIT}, within what the user may see. One address
 * per kind ({@link PickerKind#url()}), in the area of its records, so the area's access
 * rules apply. The typed text comes as {@code q} or, from a picker, as its text field
 * ({@code <field>Text}).
 */
@Controller
class PickerController {

	private final Pickers pickers;

	PickerController(Pickers pickers) {
		this.pickers = pickers;
	}

	@GetMapping({ "/accounts/pick", "/contacts/pick", "/marketing/segments/pick", "/marketing/templates/pick",
			"/marketing/campaigns/pick", "/service/tickets/pick" })
	String options(@RequestParam(required = false) String field, HttpServletRequest request,
			@AuthenticationPrincipal CrmUser user, Model model) {
		PickerKind kind = PickerKind
			.at(String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)));
		String typed = request.getParameter("q");
		if (typed == null && field != null && field.matches("[A-Za-z][A-Za-z0-9]{0,39}")) {
			typed = request.getParameter(field + "Text");
		}
		List<PickerOption> found = typed == null || typed.length() > 200 ? List.of()
				: pickers.suggest(kind, typed, user, Pickers.LIMIT + 1);
		model.addAttribute("options", found.stream().limit(Pickers.LIMIT).toList());
		model.addAttribute("more", found.size() > Pickers.LIMIT);
		model.addAttribute("limit", Pickers.LIMIT);
		model.addAttribute("typed", typed == null ? "" : typed.trim());
		return "fragments/picker :: options";
	}

}
