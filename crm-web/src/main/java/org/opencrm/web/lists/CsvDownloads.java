package org.opencrm.web.lists;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.web.report.CsvWriter;
import org.opencrm.web.report.CsvWriter.Cell;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * What every list export shares: a streamed UTF-8 CSV download named after the list and
 * the day, its header in the user's language, and the walk along a list's keyset so
 * memory stays bounded however many rows match. Written with {@link CsvWriter}, which
 * keeps formula-looking cells text (CSV injection).
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

	/** {@code <name>-<today>.csv}: the header, then what {@code rows} writes. */
	ResponseEntity<StreamingResponseBody> csv(String name, List<Cell> header, Body rows) {
		StreamingResponseBody body = out -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
			CsvWriter csv = new CsvWriter(writer);
			csv.row(header);
			rows.write(csv);
			writer.flush();
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
