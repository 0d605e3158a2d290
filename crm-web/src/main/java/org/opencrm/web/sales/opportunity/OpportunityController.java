package org.opencrm.web.sales.opportunity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.WorkflowRuns;
import org.opencrm.sales.opportunity.Board;
import org.opencrm.sales.opportunity.OpportunityBoard;
import org.opencrm.sales.opportunity.OpportunityCommand.ForecastCategory;
import org.opencrm.sales.opportunity.OpportunityCommand.SalesChannel;
import org.opencrm.sales.opportunity.OpportunityFilter;
import org.opencrm.sales.opportunity.OpportunityList;
import org.opencrm.sales.opportunity.OpportunityMoves;
import org.opencrm.sales.opportunity.OpportunityQuery;
import org.opencrm.sales.opportunity.OpportunityService;
import org.opencrm.sales.pipeline.PipelineRow;
import org.opencrm.sales.pipeline.PipelineService;
import org.opencrm.sales.pipeline.Stage;
import org.opencrm.sales.pipeline.StageKind;
import org.opencrm.web.lists.DealBulk;
import org.opencrm.web.lists.ListKind;
import org.opencrm.web.lists.ListPage;
import org.opencrm.web.picker.Picked;
import org.opencrm.web.picker.PickerKind;
import org.opencrm.web.picker.Pickers;
import org.opencrm.web.sales.SalesWeb;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.Owners;
import org.opencrm.web.system.PageSize;
import org.opencrm.web.system.Paths;
import org.opencrm.web.task.TaskSection;
import org.opencrm.web.timeline.TimelineSection;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Deal pages: list, form with line items, page with stage history, the board and its
 * moves.
 */
@Controller
@RequestMapping("/opportunities")
class OpportunityController {

	/** How many of the latest workflow runs the deal page shows. */
	static final int AUTOMATION_RUNS = 5;

	private final OpportunityService deals;

	private final OpportunityMoves moves;

	private final OpportunityQuery query;

	private final OpportunityList list;

	private final OpportunityBoard boards;

	private final PipelineService pipelines;

	private final AccountService accounts;

	private final UserDirectory users;

	private final SalesWeb web;

	private final Formats fmt;

	private final TaskSection taskSection;

	private final TimelineSection timelineSection;

	private final Owners owners;

	private final AuditTrail audit;

	private final WorkflowRuns workflowRuns;

	private final ListPage listPage;

	private final DealBulk dealBulk;

	private final Pickers pickers;

	private final MessageSource messages;

	OpportunityController(OpportunityService deals, OpportunityMoves moves, OpportunityQuery query,
			OpportunityList list, OpportunityBoard boards, PipelineService pipelines, AccountService accounts,
			UserDirectory users, SalesWeb web, Formats fmt, TaskSection taskSection, TimelineSection timelineSection,
			Owners owners, AuditTrail audit, WorkflowRuns workflowRuns, ListPage listPage, DealBulk dealBulk,
			Pickers pickers, MessageSource messages) {
		this.pickers = pickers;
		this.messages = messages;
		this.listPage = listPage;
		this.dealBulk = dealBulk;
		this.deals = deals;
		this.workflowRuns = workflowRuns;
		this.moves = moves;
		this.query = query;
		this.list = list;
		this.boards = boards;
		this.pipelines = pipelines;
		this.accounts = accounts;
		this.users = users;
		this.web = web;
		this.fmt = fmt;
		this.taskSection = taskSection;
		this.timelineSection = timelineSection;
		this.owners = owners;
		this.audit = audit;
	}

	@GetMapping
	String list(@RequestParam(required = false) Long owner, @RequestParam(required = false) Long team,
			@RequestParam(required = false) Long pipeline, @RequestParam(required = false) Long stage,
			@RequestParam(required = false) StageKind status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closedFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closedTo,
			@RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) List<String> cols, @RequestParam(required = false) Long view,
			@AuthenticationPrincipal CrmUser user, HttpServletRequest request, Model model) {
		OpportunityFilter filter = new OpportunityFilter(owner, team, pipeline, stage, status, closeFrom, closeTo,
				closedFrom, closedTo, q);
		model.addAttribute("filter", filter);
		model.addAttribute("page", list.list(filter, SalesWeb.visibility(user), cursor, PageSize.LIST));
		List<UserSummary> staff = users.assignableUsers();
		model.addAttribute("users", staff);
		listPage.addTo(model, ListKind.DEALS, user, request, cols, view, staff);
		List<Stage> stages = pipelines.allStages();
		if (SalesWeb.canEdit(user)) {
			model.addAttribute("bulkStages", dealBulk.stageChoices(stages));
		}
		model.addAttribute("teams", users.listTeams());
		model.addAttribute("stages", stages);
		model.addAttribute("statuses", StageKind.values());
		model.addAttribute("canEdit", SalesWeb.canEdit(user));
		return "sales/opportunity/list";
	}

	@GetMapping("/board")
	String board(@RequestParam(required = false) Long pipeline, @RequestParam(required = false) Long owner,
			@RequestParam(required = false) Long team,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo,
			@AuthenticationPrincipal CrmUser user, Model model) {
		List<PipelineRow> all = pipelines.pipelines();
		model.addAttribute("pipelines", all);
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("teams", users.listTeams());
		OpportunityFilter filter = new OpportunityFilter(owner, team, pipeline, null, null, closeFrom, closeTo);
		model.addAttribute("filter", filter);
		model.addAttribute("canEdit", SalesWeb.canEdit(user));
		Long chosen = pipeline != null ? pipeline : all.isEmpty() ? null : all.get(0).id();
		model.addAttribute("pipelineId", chosen);
		Board board = chosen == null ? null : boards.board(chosen, filter, SalesWeb.visibility(user));
		model.addAttribute("board", board);
		model.addAttribute("cards", BoardCard.byStage(board, fmt, messages, LocaleContextHolder.getLocale()));
		return "sales/opportunity/board";
	}

	@GetMapping("/new")
	String newForm(@RequestParam(required = false) Long accountId, @RequestParam(required = false) Long contactId,
			@AuthenticationPrincipal CrmUser user, Model model) {
		// Prefilled from a customer's dashboard: only for a customer the user may see
		// ("not found" else).
		if (accountId != null) {
			accounts.details(accountId, Visibility.of(user));
		}
		Long pipeline = pipelines.defaultPipeline().map(PipelineRow::id).orElse(null);
		OpportunityForm form = OpportunityForm.empty(accountId, Owners.defaultOwner(user), pipeline,
				LocalDate.ofInstant(fmt.now(), fmt.zone()).plusDays(30));
		// From a customer's dashboard: the person it was opened from is the deal's
		// contact.
		form.setPrimaryContactId(contactId);
		model.addAttribute("form", form);
		return form(model, null, user);
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") OpportunityForm form, BindingResult result,
			@RequestParam(required = false) String accountIdText, @AuthenticationPrincipal CrmUser user, Model model,
			RedirectAttributes redirect) {
		Long accountId = resolveAccount(form, accountIdText, result, user, model);
		if (result.hasErrors() || accountId == null) {
			form.padLines();
			return form(model, null, user);
		}
		long id = deals.create(form.toCommand(accountId, null, null), SalesWeb.visibility(user));
		return owners.landing(user, form.getOwnerId(), owners.seesOwnedBy(user, form.getOwnerId()),
				"/opportunities/" + id, "/opportunities", "flash.opportunity.created", redirect);
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		var deal = query.details(id, SalesWeb.visibility(user));
		model.addAttribute("deal", deal);
		// The deal's activities are its customer's: follow-ups for the account, and the
		// account's
		// timeline (with the forms that log a call, meeting or note there).
		taskSection.addTo(model, deal.accountId(), deal.primaryContactId(), "/opportunities/" + id);
		timelineSection.addTo(model, "/accounts/" + deal.accountId(), TimelineSection.forAccount(deal.accountId()),
				List.of(), null);
		model.addAttribute("history", query.history(id, SalesWeb.visibility(user)));
		model.addAttribute("fieldHistory", audit.history("opportunity", id, PageSize.SECTION));
		// The workflow rules' latest runs on this deal: one statement on their index.
		model.addAttribute("automation", workflowRuns.forRecord("deal", id, AUTOMATION_RUNS));
		model.addAttribute("stages", pipelines.stages(deal.pipelineId()));
		model.addAttribute("canEdit", SalesWeb.canEdit(user));
		return "sales/opportunity/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("form", OpportunityForm.of(query.details(id, SalesWeb.visibility(user))));
		return form(model, id, user);
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "form")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") OpportunityForm form, BindingResult result,
			@RequestParam(required = false) String accountIdText, @AuthenticationPrincipal CrmUser user, Model model,
			RedirectAttributes redirect) {
		Long accountId = resolveAccount(form, accountIdText, result, user, model);
		if (result.hasErrors() || accountId == null) {
			form.padLines();
			return form(model, id, user);
		}
		deals.update(id, form.toCommand(accountId, null, null), SalesWeb.visibility(user));
		return owners.landing(user, form.getOwnerId(), owners.seesOwnedBy(user, form.getOwnerId()),
				"/opportunities/" + id, "/opportunities", "flash.saved", redirect);
	}

	/**
	 * The form's stage select for the chosen pipeline, with the lost reason while a lost
	 * stage is chosen (htmx swaps it in when the pipeline or stage changes).
	 */
	@GetMapping("/stage-fields")
	String stageFields(@ModelAttribute("form") OpportunityForm form, BindingResult ignoredBadInput, Model model) {
		if (form.getPipelineId() == null) {
			form.setPipelineId(pipelines.defaultPipeline().map(PipelineRow::id).orElse(null));
		}
		stageChoices(model, form);
		return "sales/opportunity/form :: stageFields";
	}

	/**
	 * Moves a deal to a stage (the board's and the deal page's "move to"). With htmx the
	 * board re-renders in place; without, the browser goes back where it came from.
	 */
	@PostMapping("/{id}/stage")
	@OnRuleViolation(redirect = "/opportunities/{id}", backParam = "back", under = "/opportunities")
	String move(@PathVariable long id, @RequestParam long version, @RequestParam long stageId,
			@RequestParam(required = false) String lostReason, @RequestParam(required = false) String back,
			@RequestHeader(name = "HX-Request", required = false) String htmx, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		moveTo(id, version, stageId, lostReason, user, redirect);
		return "redirect:" + Paths.localUnder(back, "/opportunities", "/opportunities/" + id);
	}

	/**
	 * The board's one move form: the picked card ({@code card} is "id:version", as drawn)
	 * goes to the column whose button was pressed. Drag and drop and the keyboard submit
	 * the same form, so every way of moving meets the same stale-version check.
	 */
	@PostMapping("/board/move")
	@OnRuleViolation(redirect = "/opportunities/board", backParam = "back", under = "/opportunities")
	String moveFromBoard(@RequestParam(required = false) String card, @RequestParam long stageId,
			@RequestParam(required = false) String back, @AuthenticationPrincipal CrmUser user,
			RedirectAttributes redirect) {
		String[] picked = card == null ? new String[0] : card.split(":");
		if (picked.length != 2 || !picked[0].matches("\\d{1,18}") || !picked[1].matches("\\d{1,18}")) {
			redirect.addFlashAttribute("ruleError", web.text(new RuleViolationException("opportunity.move.pick",
					"Pick a deal on the board first, then the column to move it to.")));
		}
		else {
			moveTo(Long.parseLong(picked[0]), Long.parseLong(picked[1]), stageId, null, user, redirect);
		}
		return "redirect:" + Paths.localUnder(back, "/opportunities", "/opportunities/board");
	}

	private void moveTo(long id, long version, long stageId, String lostReason, CrmUser user,
			RedirectAttributes redirect) {
		try {
			moves.moveStage(id, version, stageId, lostReason, SalesWeb.visibility(user));
			redirect.addFlashAttribute("flash", "flash.opportunity.moved");
		}
		catch (StaleEditException | ObjectOptimisticLockingFailureException ex) {
			// Someone moved or edited the deal since this card was drawn: say so, move
			// nothing.
			redirect.addFlashAttribute("ruleError", web.text(new RuleViolationException("opportunity.move.stale",
					"Someone else changed this deal meanwhile; it was not moved. Here is the current board.")));
		}
	}

	/**
	 * The account chosen with the picker, or typed by name: exactly one the user may see
	 * (one they can't is "unknown"); a name several accounts bear comes back with them to
	 * choose from. A deal needs one.
	 */
	private Long resolveAccount(OpportunityForm form, String typed, BindingResult result, CrmUser user, Model model) {
		Picked account = pickers.resolve(PickerKind.ACCOUNT, form.getAccountId(), typed, user, result, "accountId");
		if (account.isEmpty()) {
			account = new Picked(PickerKind.ACCOUNT, null, "", "NotBlank", List.of());
			result.rejectValue("accountId", "NotBlank");
		}
		form.setAccountId(account.isChosen() ? account.id() : null);
		model.addAttribute("accountPicked", account);
		return form.getAccountId();
	}

	private String form(Model model, Long id, CrmUser user) {
		OpportunityForm form = (OpportunityForm) model.getAttribute("form");
		model.addAttribute("dealId", id);
		if (!model.containsAttribute("accountPicked")) {
			model.addAttribute("accountPicked", pickers.shown(PickerKind.ACCOUNT, form.getAccountId(), user));
		}
		model.addAttribute("users", owners.choices(user, form.getOwnerId()));
		model.addAttribute("pipelines", pipelines.pipelines());
		stageChoices(model, form);
		model.addAttribute("products", query.products());
		model.addAttribute("partners", query.partners());
		model.addAttribute("forecastCategories", ForecastCategory.values());
		model.addAttribute("channels", SalesChannel.values());
		return "sales/opportunity/form";
	}

	/**
	 * The chosen pipeline's stages (an inactive one only when the deal sits in it), and
	 * whether the chosen stage is a lost one.
	 */
	private void stageChoices(Model model, OpportunityForm form) {
		List<Stage> all = form.getPipelineId() == null ? List.of() : pipelines.stages(form.getPipelineId());
		Long chosen = form.getStageId();
		model.addAttribute("stages",
				all.stream().filter(s -> s.active() || chosen != null && s.id() == chosen).toList());
		model.addAttribute("lostStage",
				all.stream().anyMatch(s -> chosen != null && s.id() == chosen && s.kind() == StageKind.LOST));
	}

}
