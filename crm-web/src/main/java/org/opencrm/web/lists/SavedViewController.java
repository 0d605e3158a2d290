package org.opencrm.web.lists;

import java.util.List;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.view.SaveView;
import org.opencrm.core.view.SavedViews;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Saving the current state of a list (filters, sort, columns) as a named view, private or
 * shared; changing or deleting one (its owner or an admin). A broken rule goes back to
 * the list with its message.
 */
@Controller
@RequestMapping("/views")
class SavedViewController {

	private final SavedViews views;

	SavedViewController(SavedViews views) {
		this.views = views;
	}

	@PostMapping
	String create(ViewForm form, @AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		ListKind kind = form.kind();
		long id = views.create(user.id(), form.toCommand(kind, 0));
		redirect.addFlashAttribute("flash", "flash.view.saved");
		return "redirect:" + kind.href(kind.filterQuery(form.query()), form.sort(), form.cols(), id);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, ViewForm form, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		ListKind kind = form.kind();
		views.update(id, form.toCommand(kind, form.version() == null ? -1 : form.version()), user.id(),
				user.role() == Role.ADMIN);
		redirect.addFlashAttribute("flash", "flash.view.saved");
		return "redirect:" + kind.href(kind.filterQuery(form.query()), form.sort(), form.cols(), id);
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, ViewForm form, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		ListKind kind = form.kind();
		views.delete(id, user.id(), user.role() == Role.ADMIN);
		redirect.addFlashAttribute("flash", "flash.view.deleted");
		return "redirect:" + kind.path();
	}

	/**
	 * A view as the list's save form sends it: the list, a name, shared or not, and the
	 * list's current filters (as its query string), sort and columns.
	 */
	record ViewForm(String list, String name, Boolean shared, String query, String sort, List<String> cols,
			Long version) {

		ListKind kind() {
			ListKind kind = ListKind.of(list);
			if (kind == null) {
				throw new RuleViolationException("view.kind.unknown", "This list has no saved views.");
			}
			return kind;
		}

		SaveView toCommand(ListKind kind, long version) {
			String s = sort == null || sort.isBlank() || sort.length() > 40 ? null : sort.strip();
			return new SaveView(kind.key(), name, Boolean.TRUE.equals(shared), kind.filterQuery(query),
					kind.visibleColumns(cols), s, version);
		}

	}

}
