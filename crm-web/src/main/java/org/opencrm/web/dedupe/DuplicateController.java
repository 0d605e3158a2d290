package org.opencrm.web.dedupe;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.dedupe.BulkMerge;
import org.opencrm.core.dedupe.DuplicateReview;
import org.opencrm.core.dedupe.DuplicateScan;
import org.opencrm.core.dedupe.RecordMergeService;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.system.PageSize;
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

/**
 * Duplicates, for managers and admins (a merge deletes records, as only they may): the
 * review list of pairs the scan found among the records they may see, "not a duplicate",
 * "scan now", merging several pairs at once, and the merge page.
 */
@Controller
@RequestMapping("/duplicates")
class DuplicateController {

	private final DuplicateReview review;

	private final DuplicateScan scan;

	private final BulkMerge bulk;

	private final RecordMergeService merges;

	DuplicateController(DuplicateReview review, DuplicateScan scan, BulkMerge bulk, RecordMergeService merges) {
		this.review = review;
		this.scan = scan;
		this.bulk = bulk;
		this.merges = merges;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "contact") String type, @RequestParam(required = false) String cursor,
			@AuthenticationPrincipal CrmUser user, Model model) {
		RecordType t = RecordType.of(type);
		model.addAttribute("type", t.code());
		model.addAttribute("types", scan.types().stream().map(RecordType::code).toList());
		model.addAttribute("page", review.page(t, Visibility.of(user), cursor, PageSize.LIST));
		model.addAttribute("scan", scan.status(t));
		return "dedupe/list";
	}

	@PostMapping("/scan")
	String scan(@RequestParam String type, RedirectAttributes redirect) {
		RecordType t = RecordType.of(type);
		redirect.addFlashAttribute("flash", scan.start(t) ? "flash.dedupe.scanStarted" : "flash.dedupe.scanRunning");
		return "redirect:/duplicates?type=" + t.code();
	}

	@PostMapping("/{id}/dismiss")
	String dismiss(@PathVariable long id, @RequestParam String type, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		RecordType t = RecordType.of(type);
		review.dismiss(t, id, Visibility.of(user));
		redirect.addFlashAttribute("flash", "flash.dedupe.dismissed");
		return "redirect:/duplicates?type=" + t.code();
	}

	/** Rows as the list sends them: {@code candidate:lowVersion:highVersion}. */
	@PostMapping("/bulk-merge")
	String bulkMerge(@RequestParam String type, @RequestParam(required = false) List<String> rows,
			@AuthenticationPrincipal CrmUser user, RedirectAttributes redirect) {
		RecordType t = RecordType.of(type);
		redirect.addFlashAttribute("mergeOutcome", bulk.merge(t, picked(rows), Visibility.of(user)));
		return "redirect:/duplicates?type=" + t.code();
	}

	/**
	 * The rows picked on the contacts or accounts list ({@code id:version}) to the merge
	 * page, the first picked proposed as the survivor.
	 */
	@PostMapping("/pick")
	String pick(@RequestParam String type, @RequestParam(required = false) List<String> rows) {
		RecordType t = RecordType.of(type);
		List<String> ids = rows == null ? List.of() : rows.stream().map(r -> r.split(":")[0]).distinct().toList();
		if (ids.size() < 2 || !ids.stream().allMatch(id -> id.matches("\\d{1,18}"))) {
			throw new RuleViolationException("merge.tooFew", "Pick at least two records to merge.");
		}
		return "redirect:/duplicates/merge?type=" + t.code() + "&ids=" + String.join("&ids=", ids);
	}

	@GetMapping("/merge")
	String mergePage(@RequestParam String type, @RequestParam(required = false) List<Long> ids,
			@AuthenticationPrincipal CrmUser user, Model model) {
		var preview = merges.preview(RecordType.of(type), ids == null ? List.of() : ids, Visibility.of(user));
		model.addAttribute("preview", preview);
		model.addAttribute("form", MergeForm.of(preview));
		return "dedupe/merge";
	}

	/** A broken rule is flashed on the merge page it came from (ErrorPages). */
	@PostMapping("/merge")
	String merge(@ModelAttribute("form") MergeForm form, BindingResult result, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			throw new RuleViolationException("merge.survivor", "Choose the record to keep.");
		}
		var cmd = form.toCommand();
		long survivor = merges.merge(cmd, Visibility.of(user));
		redirect.addFlashAttribute("flash", "flash.dedupe.merged");
		redirect.addFlashAttribute("flashArg", cmd.merged().size());
		return "redirect:/" + cmd.type().code() + "s/" + survivor;
	}

	private static List<BulkMerge.Picked> picked(List<String> rows) {
		if (rows == null || rows.isEmpty()) {
			throw new RuleViolationException("merge.bulk.none", "Pick the pairs to merge.");
		}
		List<BulkMerge.Picked> picked = new ArrayList<>();
		for (String row : rows) {
			String[] parts = row.split(":");
			try {
				picked.add(new BulkMerge.Picked(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
						Long.parseLong(parts[2])));
			}
			catch (RuntimeException ex) {
				throw new RuleViolationException("merge.bulk.none", "Pick the pairs to merge.");
			}
		}
		return picked;
	}

}
