package org.opencrm.web.service.knowledge;

import jakarta.validation.Valid;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.service.knowledge.ArticleStatus;
import org.opencrm.service.knowledge.ArticleVisibility;
import org.opencrm.service.knowledge.KnowledgeBase;
import org.opencrm.web.system.Forms;
import org.opencrm.web.system.OnRuleViolation;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff side of the knowledge base: search, article pages (internal ones too), the
 * editor, and suggestions.
 */
@Controller
@RequestMapping("/service/kb")
class KnowledgeBaseController {

	static final int SEARCH_RESULTS = 25;

	static final int SUGGESTIONS = 5;

	private final KnowledgeBase kb;

	KnowledgeBaseController(KnowledgeBase kb) {
		this.kb = kb;
	}

	/**
	 * Editors (agents, admins) see drafts; others published articles, public and
	 * internal.
	 */
	static boolean isEditor(CrmUser user) {
		return user.role() == Role.ADMIN || user.role() == Role.SUPPORT_AGENT;
	}

	@GetMapping
	String index(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) String q,
			@RequestParam(required = false) ArticleStatus status, @RequestParam(required = false) Long category,
			@RequestParam(required = false) String cursor, Model model) {
		String query = Forms.trimmed(q);
		model.addAttribute("q", query);
		model.addAttribute("status", status);
		model.addAttribute("category", category);
		model.addAttribute("statuses", ArticleStatus.values());
		model.addAttribute("categories", kb.categories());
		model.addAttribute("editor", isEditor(me));
		if (query != null) {
			model.addAttribute("hits", kb.search(query, false, isEditor(me), SEARCH_RESULTS));
		}
		else {
			model.addAttribute("page",
					kb.list(isEditor(me) ? status : ArticleStatus.PUBLISHED, category, cursor, PageSize.LIST));
		}
		return "service/kb/index";
	}

	@GetMapping("/articles/{id}")
	String article(@AuthenticationPrincipal CrmUser me, @PathVariable long id, Model model) {
		var article = kb.article(id, false);
		if (article.status() == ArticleStatus.DRAFT && !isEditor(me)) {
			throw new NotFoundException("Article", id);
		}
		model.addAttribute("article", article);
		model.addAttribute("editor", isEditor(me));
		return "service/kb/article";
	}

	@GetMapping("/new")
	String newForm(@RequestParam(required = false) Long category, Model model) {
		ArticleForm form = new ArticleForm();
		form.setCategoryId(category);
		model.addAttribute("form", form);
		return form(model, null);
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") ArticleForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, null);
		}
		long id = kb.createArticle(form.toCommand());
		redirect.addFlashAttribute("flash", "flash.kb.saved");
		return "redirect:/service/kb/articles/" + id;
	}

	@GetMapping("/articles/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		model.addAttribute("form", ArticleForm.of(kb.article(id, false)));
		return form(model, id);
	}

	@PostMapping("/articles/{id}")
	@OnRuleViolation(form = "form")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") ArticleForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return form(model, id);
		}
		kb.updateArticle(id, form.toCommand());
		redirect.addFlashAttribute("flash", "flash.kb.saved");
		return "redirect:/service/kb/articles/" + id;
	}

	@PostMapping("/categories")
	@OnRuleViolation(redirect = "/service/kb")
	String createCategory(@RequestParam(required = false) String name,
			@RequestParam(required = false) String description, RedirectAttributes redirect) {
		kb.createCategory(name, Forms.trimmed(description));
		redirect.addFlashAttribute("flash", "flash.kb.categoryCreated");
		return "redirect:/service/kb";
	}

	/**
	 * Articles for a ticket's text, each with an "insert link" button (the ticket page
	 * and the new-ticket form load this with htmx, the form sending its subject and
	 * description as typed; opened directly it is a page of its own).
	 */
	@GetMapping("/suggest")
	String suggest(@RequestParam(required = false) String text, @RequestParam(required = false) String subject,
			@RequestParam(required = false) String description,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		if (text == null && (subject != null || description != null)) {
			text = ((subject == null ? "" : subject) + " " + (description == null ? "" : description)).strip();
		}
		model.addAttribute("suggestions", kb.suggest(text, SUGGESTIONS));
		model.addAttribute("text", text);
		return htmx != null ? "service/kb/suggest :: suggestions" : "service/kb/suggest";
	}

	private String form(Model model, Long id) {
		model.addAttribute("articleId", id);
		model.addAttribute("categories", kb.categories());
		model.addAttribute("statuses", ArticleStatus.values());
		model.addAttribute("visibilities", ArticleVisibility.values());
		return "service/kb/form";
	}

}
