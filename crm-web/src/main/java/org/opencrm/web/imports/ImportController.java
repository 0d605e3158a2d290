package org.opencrm.web.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.imports.ImportService;
import org.opencrm.core.imports.ImportSetup;
import org.opencrm.core.imports.ImportSummary;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.PageSize;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The CSV import wizard: upload, mapping with a dry-run preview, start, progress (htmx
 * polling; a plain reload works the same), the rejected rows' report and revert. The run
 * itself happens in the background ({@code ImportRunner} in crm-core).
 */
@Controller
@RequestMapping("/imports")
class ImportController {

	private final ImportService imports;

	private final MessageSource messages;

	ImportController(ImportService imports, MessageSource messages) {
		this.imports = imports;
		this.messages = messages;
	}

	@GetMapping
	String list(@RequestParam(required = false) Long before, @AuthenticationPrincipal CrmUser user, Model model) {
		List<ImportSummary> page = imports.list(user, before, PageSize.LIST + 1);
		boolean more = page.size() > PageSize.LIST;
		List<ImportSummary> shown = more ? page.subList(0, PageSize.LIST) : page;
		model.addAttribute("imports", shown);
		model.addAttribute("nextBefore", more ? shown.get(shown.size() - 1).id() : null);
		model.addAttribute("types", imports.types(user.role()));
		return "imports/list";
	}

	@GetMapping("/new")
	String newImport(@RequestParam(required = false) String type, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("types", imports.types(user.role()));
		model.addAttribute("type", type);
		return "imports/new";
	}

	@PostMapping
	@OnRuleViolation(redirect = "/imports/new")
	String upload(@RequestParam(defaultValue = "") String type,
			@RequestParam(name = "file", required = false) MultipartFile file, @AuthenticationPrincipal CrmUser user)
			throws IOException {
		if (file == null || file.isEmpty()) {
			throw new RuleViolationException("csv.empty", "The file is empty.");
		}
		try (InputStream in = file.getInputStream()) {
			return "redirect:/imports/" + imports.upload(type, file.getOriginalFilename(), in, user);
		}
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) throws IOException {
		ImportSummary summary = imports.summary(id, user);
		model.addAttribute("imp", summary);
		if (summary.mapping()) {
			ImportSetup setup = imports.setup(id, user);
			model.addAttribute("setup", setup);
			model.addAttribute("preview", imports.preview(id, user));
		}
		return "imports/show";
	}

	/** The progress box alone, for htmx to poll while the import runs. */
	@GetMapping("/{id}/progress")
	String progress(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
			@AuthenticationPrincipal CrmUser user, Model model) {
		if (htmx == null) {
			return "redirect:/imports/" + id;
		}
		model.addAttribute("imp", imports.summary(id, user));
		return "imports/show :: progress";
	}

	@PostMapping("/{id}/mapping")
	@OnRuleViolation(redirect = "/imports/{id}")
	String map(@PathVariable long id, @RequestParam(name = "column", required = false) List<String> columns,
			@RequestParam(required = false) String matchKey, @AuthenticationPrincipal CrmUser user) {
		imports.map(id, columns == null ? List.of() : columns.stream().map(c -> c.isBlank() ? null : c).toList(),
				matchKey == null || matchKey.isBlank() ? null : matchKey, user);
		return "redirect:/imports/" + id;
	}

	@PostMapping("/{id}/start")
	@OnRuleViolation(redirect = "/imports/{id}")
	String start(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		imports.start(id, user);
		return "redirect:/imports/" + id;
	}

	@PostMapping("/{id}/revert")
	@OnRuleViolation(redirect = "/imports/{id}")
	String revert(@PathVariable long id, @AuthenticationPrincipal CrmUser user) {
		imports.revert(id, user);
		return "redirect:/imports/" + id;
	}

	@GetMapping("/{id}/rejects.csv")
	ResponseEntity<StreamingResponseBody> rejects(@PathVariable long id, @AuthenticationPrincipal CrmUser user,
			Locale locale) {
		imports.summary(id, user);
		StreamingResponseBody body = out -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
			imports.writeRejects(id, user, writer, (key, text) -> messages.getMessage(key, null, text, locale));
			writer.flush();
		};
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-rejected.csv\"")
			.body(body);
	}

}
