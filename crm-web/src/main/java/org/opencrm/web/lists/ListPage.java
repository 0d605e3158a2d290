package org.opencrm.web.lists;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.view.SavedView;
import org.opencrm.core.view.SavedViews;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every working list page adds around its rows: the views menu (one statement), the
 * chosen columns, the filter query an export or a saved view takes along, and the owners
 * a bulk "assign" may offer this user.
 */
@Component
public class ListPage {

	private final SavedViews views;

	ListPage(SavedViews views) {
		this.views = views;
	}

	/**
	 * @param staff the owner pick-list the page loaded already (the bulk owners are taken
	 * from it)
	 */
	public void addTo(Model model, ListKind kind, CrmUser user, HttpServletRequest request, List<String> cols,
			Long viewId, List<UserSummary> staff) {
		List<SavedView> menu = views.menu(kind.key(), user.id());
		boolean admin = user.role() == Role.ADMIN;
		List<ViewLink> links = menu.stream()
			.map(v -> new ViewLink(v.id(), v.name(), v.ownerName(), v.shared(), v.editableBy(user.id(), admin),
					kind.href(v.filterQuery(), v.sort(), v.columns(), v.id()), v.version()))
			.toList();
		model.addAttribute("views", links);
		model.addAttribute("currentView",
				viewId == null ? null : links.stream().filter(l -> l.id() == viewId).findFirst().orElse(null));
		model.addAttribute("listKind", kind.key());
		model.addAttribute("listPath", kind.path());
		model.addAttribute("allColumns", kind.columns());
		model.addAttribute("cols", kind.visibleColumns(cols));
		String filterQuery = kind.filterQuery(request.getParameterMap());
		model.addAttribute("listQuery", filterQuery);
		model.addAttribute("exportHref", kind.exportHref(filterQuery, request.getParameter("sort")));
		model.addAttribute("bulkOwners", CustomerBulk.assignable(staff, Visibility.of(user)));
		model.addAttribute("bulkMax", BulkSelection.MAX);
		// Leads and deals have no tags; leads are not deleted from the list.
		boolean customers = kind == ListKind.ACCOUNTS || kind == ListKind.CONTACTS;
		model.addAttribute("canDelete",
				(customers || kind == ListKind.DEALS) && (user.role() == Role.ADMIN || user.role() == Role.MANAGER));
		model.addAttribute("bulkTags", customers);
		// Managers and admins merge the people, companies or leads picked (deals aren't
		// merged).
		String mergeType = switch (kind) {
			case ACCOUNTS -> "account";
			case CONTACTS -> "contact";
			case LEADS -> "lead";
			default -> null;
		};
		if (mergeType != null && (user.role() == Role.ADMIN || user.role() == Role.MANAGER)) {
			model.addAttribute("mergeType", mergeType);
		}
		// Disqualifying leads and losing deals say why.
		model.addAttribute("bulkReason", kind == ListKind.LEADS || kind == ListKind.DEALS);
	}

	/** A view in the menu: where it leads and whether this user may change it. */
	public record ViewLink(long id, String name, String ownerName, boolean shared, boolean editable, String href,
			long version) {
	}

}
