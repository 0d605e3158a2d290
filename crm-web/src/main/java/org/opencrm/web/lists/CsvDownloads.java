package org.opencrm.web.lists;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.web.report.CsvWriter;
import org.opencrm.web.report.CsvWriter.Cell;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * What every list export shares: a streamed UTF-8 CSV download named after the list and
 * the reader's day, its header in the user's language, and the walk along a list's keyset
 * so memory stays bounded however many rows match. Written with {@link CsvWriter}, which
 * keeps formula-looking cells text (CSV injection). Cells are for spreadsheets, whoever
 * reads: plain numbers, money as the amount and its ISO code in a column of its own, and
 * moments as ISO {@code yyyy-MM-dd HH:mm} in the reader's time zone
 * ({@link CsvWriter.Cell#dateTime}), never the server's.
 */
@Component
class CsvDownloads {

	/** Rows read per keyset step. */
	static final int CHUNK = 500;

	private final MessageSource messages;

	private final Clock clock;

	CsvDownloads(MessageSource messages, Clock clock) {
		this.messages = messages;
		this.clock = clock;
	}

	/** The header row: each message key's text. */
	List<Cell> header(Locale locale, String... keys) {
		return Arrays.stream(keys).map(k -> Cell.text(messages.getMessage(k, null, k, locale))).toList();
	}

	/**
	 * The reader's time zone, asked on the request's thread (the rows are written on
	 * another).
	 */
	ZoneId zone() {
		return clock.getZone();
	}

	/**
	 * {@code <name>-<today>.csv}: the header, then what {@code rows} writes, on another
	 * thread that carries the reader's language and zone along.
	 */
	ResponseEntity<StreamingResponseBody> csv(String name, List<Cell> header, Body rows) {
		LocaleContext reader = LocaleContextHolder.getLocaleContext();
		StreamingResponseBody body = out -> {
			LocaleContextHolder.setLocaleContext(reader);
			try {
				Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
				CsvWriter csv = new CsvWriter(writer);
				csv.row(header);
				rows.write(csv);
				writer.flush();
			}
			finally {
				LocaleContextHolder.resetLocaleContext();
			}
		};
		String filename = name + "-" + LocalDate.now(clock) + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

	/**
	 * Every page of a keyset list, {@link #CHUNK} rows at a time, one after the other.
	 */
	static <T> void walk(Function<String, KeysetPage<T>> page, RowWriter<T> out) throws IOException {
		String cursor = null;
		do {
			KeysetPage<T> p = page.apply(cursor);
			for (T row : p.items()) {
				out.write(row);
			}
			cursor = p.nextCursor();
		}
		while (cursor != null);
	}

	interface RowWriter<T> {

		void write(T row) throws IOException;

	}

	interface Body {

		void write(CsvWriter csv) throws IOException;

	}

}
