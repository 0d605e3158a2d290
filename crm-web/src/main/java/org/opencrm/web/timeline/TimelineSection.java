package org.opencrm.web.timeline;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.TimelineEntry;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.web.system.PageSize;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Puts the timeline section (entries, kind filter, log form) on an account or contact
 * page.
 */
@Component
public class TimelineSection {

	/** Whose timeline: an account's or a contact's. */
	public record Subject(Long accountId, Long contactId) {
	}

	private final TimelineService timeline;

	TimelineSection(TimelineService timeline) {
		this.timeline = timeline;
	}

	public static Subject forAccount(long id) {
		return new Subject(id, null);
	}

	public static Subject forContact(long id) {
		return new Subject(null, id);
	}

	public void addTo(Model model, String basePath, Subject subject, List<String> kinds, String cursor) {
		Set<InteractionKind> selected = parseKinds(kinds);
		model.addAttribute("timeline", page(subject, selected, cursor));
		model.addAttribute("timelineBase", basePath);
		model.addAttribute("timelineKinds", selected);
		model.addAttribute("allKinds", InteractionKind.values());
		model.addAttribute("loggableKinds", InteractionKind.LOGGABLE);
		if (!model.containsAttribute("interactionForm")) {
			model.addAttribute("interactionForm", new InteractionForm());
		}
	}

	KeysetPage<TimelineEntry> page(Subject subject, Set<InteractionKind> kinds, String cursor) {
		return subject.accountId() != null ? timeline.forAccount(subject.accountId(), kinds, cursor, PageSize.TIMELINE)
				: timeline.forContact(subject.contactId(), kinds, cursor, PageSize.TIMELINE);
	}

	static Set<InteractionKind> parseKinds(List<String> kinds) {
		Set<InteractionKind> selected = EnumSet.noneOf(InteractionKind.class);
		if (kinds != null) {
			for (String k : kinds) {
				for (InteractionKind kind : InteractionKind.values()) {
					if (kind.name().equalsIgnoreCase(k)) {
						selected.add(kind);
					}
				}
			}
		}
		return selected;
	}

}
