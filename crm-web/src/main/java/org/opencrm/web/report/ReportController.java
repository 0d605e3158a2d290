package org.opencrm.web.report;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencrm.core.report.ColumnType;
import org.opencrm.core.report.FilterField;
import org.opencrm.core.report.Report;
import org.opencrm.core.report.ReportColumn;
import org.opencrm.core.report.ReportDefinition;
import org.opencrm.core.report.ReportFilter;
import org.opencrm.core.report.ReportRow;
import org.opencrm.core.report.Reports;
import org.opencrm.core.report.RowHandler;
import org.opencrm.core.report.SavedReport;
import org.opencrm.core.report.SavedReports;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.database.ReplicaReads;
import org.opencrm.web.system.Formats;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Reports: the list ({@code /reports}) with the user's saved views, one report with its
 * filter, a page of {@value #PAGE_ROWS} rows ({@code ?page=2} for the next) and the
 * totals over all rows ({@code /reports/{key}}), and the CSV export of every row
 * ({@code /reports/{key}.csv}), streamed from the database cursor to the client. A report
 * that doesn't exist, or isn't for the user's role, is "not found". Rows are read from
 * the replica when one is configured ({@link ReplicaReads}).
 */
@Controller
class ReportController {

	/**
	 * Rows per page: rendering is most of a report page's CPU (a table cell per value,
	 * JFR in bench/load), so a page shows few rows and the CSV export all of them.
	 */
	static final int PAGE_ROWS = 50;

	private final Reports reports;

	private final SavedReports saved;

	private final UserDirectory users;

	private final MessageSource messages;

	private final Formats fmt;

	private final ReplicaReads replica;

	ReportController(Reports reports, SavedReports saved, UserDirectory users, MessageSource messages, Formats fmt,
			ReplicaReads replica) {
		this.reports = reports;
		this.saved = saved;
		this.users = users;
		this.messages = messages;
		this.fmt = fmt;
		this.replica = replica;
	}

	/**
	 * A saved view as the list shows it: its name, its report and the link that runs it.
	 */
	record SavedView(long id, String name, String reportTitleCode, String href) {
	}

	@GetMapping("/reports")
	String list(@AuthenticationPrincipal CrmUser me, Model model) {
		List<ReportDefinition> available = reports.availableTo(me).stream().map(Report::definition).toList();
		Map<String, ReportDefinition> byKey = available.stream()
			.collect(Collectors.toMap(ReportDefinition::key, Function.identity()));
		List<SavedView> views = new ArrayList<>();
		for (SavedReport s : saved.list(me.id())) {
			ReportDefinition r = byKey.get(s.reportKey());
			if (r != null) {
				views.add(new SavedView(s.id(), s.name(), r.titleCode(),
						"/reports/" + r.key() + ReportFilterForm.of(s.filter()).query()));
			}
		}
		model.addAttribute("reports", available);
		model.addAttribute("views", views);
		return "reports/list";
	}

	@GetMapping("/reports/{key}")
	String show(@AuthenticationPrincipal CrmUser me, @PathVariable String key,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String team, @RequestParam(required = false) String user,
			@RequestParam(required = false) String page, Model model, Locale locale) {
		Report report = reports.get(key, me);
		ReportDefinition definition = report.definition();
		int pageNumber = pageNumber(page);
		ReportFilterForm form = new ReportFilterForm(from, to, team, user);
		model.addAttribute("report", definition);
		model.addAttribute("headers", definition.columns());
		try {
			ReportFilter filter = reports.resolve(form.toFilter());
			// New rows per run: a read that runs again on the primary starts afresh.
			PageRows rows = replica.read(() -> {
				PageRows read = new PageRows(definition.columns(), pageNumber, PAGE_ROWS, definition.totals(), fmt);
				reports.stream(report, filter, Visibility.of(me), read);
				return read;
			});
			model.addAttribute("rows", rows);
			// The form shows the dates the report ran with, defaults included.
			form = new ReportFilterForm(filter.from().toString(), filter.to().toString(), team, user);
		}
		catch (RuleViolationException ex) {
			model.addAttribute("filterError", message(ex, locale));
		}
		model.addAttribute("form", form);
		model.addAttribute("csvHref", "/reports/" + key + ".csv" + form.query());
		model.addAttribute("showDates", definition.offers(FilterField.DATES));
		boolean pickOwners = me.role() != Role.SALES_REP;
		model.addAttribute("teams", pickOwners && definition.offers(FilterField.TEAM) ? users.listTeams() : List.of());
		model.addAttribute("users",
				pickOwners && definition.offers(FilterField.USER) ? users.assignableUsers() : List.of());
		return "reports/report";
	}

	/**
	 * The page asked for, 1 when none or not a page number (a link typed by hand shows
	 * the first page rather than an error).
	 */
	static int pageNumber(String page) {
		if (page == null || page.isBlank()) {
			return 1;
		}
		try {
			int n = Integer.parseInt(page.strip());
			return n < 1 || n > MAX_PAGE ? 1 : n;
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	/** Deeper pages would only read past rows the CSV export gives at once. */
	static final int MAX_PAGE = 10_000;

	/**
	 * Every row as CSV, written while the database cursor is read (never all rows in
	 * memory). A bad filter is found before anything is written: a browser is sent back
	 * to the report page, which shows the message; a client asking for JSON gets a 422
	 * problem.
	 */
	@GetMapping("/reports/{key}.csv")
	ResponseEntity<StreamingResponseBody> csv(@AuthenticationPrincipal CrmUser me, @PathVariable String key,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String team, @RequestParam(required = false) String user, Locale locale) {
		Report report = reports.get(key, me);
		ReportFilterForm form = new ReportFilterForm(from, to, team, user);
		ReportFilter filter;
		try {
			filter = reports.resolve(form.toFilter());
		}
		catch (RuleViolationException ex) {
			throw new BadExportFilter(ex, "/reports/" + key + form.query());
		}
		List<ReportColumn> columns = report.definition().columns();
		List<CsvWriter.Cell> header = columns.stream()
			.map(c -> CsvWriter.Cell
				.text(messages.getMessage(c.labelCode(), null, c.key(), locale) + (c.type() == ColumnType.DURATION
						? messages.getMessage("report.csv.hours", null, " (h)", locale) : "")))
			.toList();
		Visibility visibility = Visibility.of(me);
		// Written on another thread: the reader's language and zone go along (months and
		// days are the reader's, as on the page).
		LocaleContext reader = LocaleContextHolder.getLocaleContext();
		StreamingResponseBody body = out -> {
			LocaleContextHolder.setLocaleContext(reader);
			try {
				write(out, header, columns, report, filter, visibility);
			}
			finally {
				LocaleContextHolder.resetLocaleContext();
			}
		};
		String filename = key + "-" + LocalDate.now(fmt.zone()) + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

	private void write(java.io.OutputStream out, List<CsvWriter.Cell> header, List<ReportColumn> columns, Report report,
			ReportFilter filter, Visibility visibility) throws java.io.IOException {
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
		CsvWriter csv = new CsvWriter(writer);
		csv.row(header);
		replica.stream(() -> reports.stream(report, filter, visibility, row -> {
			if (!row.total()) {
				try {
					csv.row(ReportCells.csv(columns, row));
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
			return true;
		}));
		writer.flush();
	}

	@PostMapping("/reports/{key}/views")
	String saveView(@AuthenticationPrincipal CrmUser me, @PathVariable String key,
			@RequestParam(required = false) String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String team,
			@RequestParam(required = false) String user, RedirectAttributes redirect, Locale locale) {
		Report report = reports.get(key, me);
		ReportFilterForm form = new ReportFilterForm(from, to, team, user);
		try {
			ReportFilter filter = form.toFilter();
			reports.resolve(filter);
			saved.save(me.id(), report, name, filter);
			redirect.addFlashAttribute("flash", "report.saved.done");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("viewError", message(ex, locale));
			redirect.addFlashAttribute("viewName", name);
		}
		return "redirect:/reports/" + key + form.query();
	}

	@PostMapping("/reports/views/{id}/delete")
	String deleteView(@AuthenticationPrincipal CrmUser me, @PathVariable long id, RedirectAttributes redirect) {
		saved.delete(me.id(), id);
		redirect.addFlashAttribute("flash", "report.saved.deleted");
		return "redirect:/reports";
	}

	/** A CSV export's filter was refused before anything was written. */
	static final class BadExportFilter extends RuntimeException {

		private final RuleViolationException violation;

		private final String reportPath;

		BadExportFilter(RuleViolationException violation, String reportPath) {
			super(violation.getMessage());
			this.violation = violation;
			this.reportPath = reportPath;
		}

	}

	@ExceptionHandler(BadExportFilter.class)
	ResponseEntity<?> badExportFilter(BadExportFilter ex, jakarta.servlet.http.HttpServletRequest request,
			Locale locale) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept != null && accept.contains("json")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
					message(ex.violation, locale));
			problem.setType(URI.create("https://opencrm.org/problems/rule-violation"));
			problem.setProperty("code", ex.violation.code());
			return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(ex.reportPath)).build();
	}

	private String message(RuleViolationException ex, Locale locale) {
		return messages.getMessage(ex.code(), ex.args(), ex.getMessage(), locale);
	}

	/**
	 * Keeps one page of rows (skipping those of the pages before it, unformatted) and
	 * every totals row; past the page it notes that there is more and stops reading,
	 * unless totals are still to come (grouped reports: totals are over all rows, not the
	 * page).
	 */
	static final class PageRows implements RowHandler {

		private final List<ReportColumn> columns;

		private final int page;

		private final int skip;

		private final int limit;

		private final boolean readOnForTotals;

		private final List<List<ReportCells.Shown>> rows = new ArrayList<>();

		private final List<List<ReportCells.Shown>> totals = new ArrayList<>();

		private final Formats fmt;

		private int seen;

		private boolean more;

		PageRows(List<ReportColumn> columns, int page, int limit, boolean readOnForTotals, Formats fmt) {
			this.columns = columns;
			this.fmt = fmt;
			this.page = page;
			this.skip = (page - 1) * limit;
			this.limit = limit;
			this.readOnForTotals = readOnForTotals;
		}

		@Override
		public boolean accept(ReportRow row) {
			if (row.total()) {
				totals.add(ReportCells.page(columns, row, fmt));
				return true;
			}
			if (seen++ < skip) {
				return true;
			}
			if (rows.size() < limit) {
				rows.add(ReportCells.page(columns, row, fmt));
				return true;
			}
			more = true;
			return readOnForTotals;
		}

		public List<List<ReportCells.Shown>> getRows() {
			return rows;
		}

		public List<List<ReportCells.Shown>> getTotals() {
			return totals;
		}

		/** There are rows after this page. */
		public boolean isMore() {
			return more;
		}

		public int getPage() {
			return page;
		}

		/**
		 * The {@code page} parameter of the page before, null for the first (whose link
		 * has none).
		 */
		public String getPreviousPage() {
			return page <= 2 ? null : Integer.toString(page - 1);
		}

		public String getNextPage() {
			return Integer.toString(page + 1);
		}

		/** The number of the page's first row (1-based), for "rows 51–100". */
		public int getFirst() {
			return skip + 1;
		}

		public int getLast() {
			return skip + rows.size();
		}

	}

}
