package org.opencrm.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

	@Test
	void aQuotedFieldMayHoldDelimitersQuotesAndLineBreaks() throws IOException {
		List<CsvRow> rows = read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,row,here\n");

		assertThat(rows).extracting(CsvRow::line).containsExactly(1L, 2L, 4L);
		assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"", "two\nlines");
	}

	@Test
	void anUnclosedQuoteIsOneBrokenRowAndTheNextRowsAreReadAsThemselves() throws IOException {
		List<CsvRow> rows = read("a,b,c\n1,\"open,3\n4,5,6\n7,8,9\n");

		assertThat(rows).hasSize(4);
		assertThat(rows.get(1).readable()).isFalse();
		assertThat(rows.get(1).problem()).isEqualTo("csv.unclosedQuote");
		assertThat(rows.get(1).problemColumn()).isEqualTo(2);
		assertThat(rows.get(2).fields()).containsExactly("4", "5", "6");
		assertThat(rows.get(3).fields()).containsExactly("7", "8", "9");
	}

	@Test
	void anUnclosedQuoteOnTheLastLineIsBrokenToo() throws IOException {
		List<CsvRow> rows = read("a,b\n1,2\n\"3,4\n");

		assertThat(rows.get(2).problem()).isEqualTo("csv.unclosedQuote");
	}

	@Test
	void aQuoteClosedInTheMiddleOfAFieldIsABrokenRow() throws IOException {
		List<CsvRow> rows = read("a,b\n\"x\"y,2\n3,4\n");

		assertThat(rows.get(1).problem()).isEqualTo("csv.badQuote");
		assertThat(rows.get(2).fields()).containsExactly("3", "4");
	}

	@Test
	void semicolonsAndTabsAreSniffedFromTheHeader() {
		assertThat(CsvDialect.sniffDelimiter("a;b;c")).isEqualTo(';');
		assertThat(CsvDialect.sniffDelimiter("a\tb\tc")).isEqualTo('\t');
		assertThat(CsvDialect.sniffDelimiter("\"a;b\",c")).isEqualTo(',');
		assertThat(CsvDialect.sniffDelimiter("name")).isEqualTo(',');
	}

	@Test
	void invalidUtf8IsReadAsWindows1252AndABomIsNoticed() {
		CsvScan ansi = new CsvScan(1024);
		byte[] bytes = "Name\nM\u00fcller\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
		ansi.feed(bytes, bytes.length);
		assertThat(ansi.finish().charset()).isEqualTo(CsvScan.WINDOWS_1252);

		CsvScan utf8 = new CsvScan(1024);
		byte[] withBom = "\uFEFFName;Ort\nM\u00fcller;K\u00f6ln\n".getBytes(StandardCharsets.UTF_8);
		// fed byte by byte: a character split between reads is still UTF-8
		for (byte b : withBom) {
			utf8.feed(new byte[] { b }, 1);
		}
		CsvDialect dialect = utf8.finish();
		assertThat(dialect.charset()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(dialect.bom()).isTrue();
		assertThat(dialect.delimiter()).isEqualTo(';');
	}

	@Test
	void utf16WithEitherByteOrderMarkIsReadAsUtf16AndNulBytesWithoutOneStillRefuseTheFile() throws IOException {
		String text = "\uFEFFVorname;Nachname\r\nJ\u00fcrgen;M\u00fcller \u20ac\r\n";
		for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
			byte[] bytes = text.getBytes(charset);
			CsvScan scan = new CsvScan(1024);
			// fed byte by byte: the mark and each character may be split between reads
			for (byte b : bytes) {
				scan.feed(new byte[] { b }, 1);
			}
			CsvDialect dialect = scan.finish();
			assertThat(dialect.charset()).isEqualTo(charset);
			assertThat(dialect.bom()).isTrue();
			assertThat(dialect.delimiter()).isEqualTo(';');
			assertThat(scan.nonBlankLines()).isEqualTo(2);
			List<CsvRow> rows = new ArrayList<>();
			try (CsvRecords records = CsvRecords.open(new java.io.ByteArrayInputStream(bytes), dialect, 1024)) {
				CsvRow row;
				while ((row = records.next()) != null) {
					rows.add(row);
				}
			}
			assertThat(rows.get(0).fields()).containsExactly("Vorname", "Nachname");
			assertThat(rows.get(1).fields()).containsExactly("J\u00fcrgen", "M\u00fcller \u20ac");
		}

		byte[] noMark = "Name\nx\n".getBytes(StandardCharsets.UTF_16LE);
		assertThatThrownBy(() -> new CsvScan(1024).feed(noMark, noMark.length))
			.isInstanceOfSatisfying(CsvRefusedException.class, ex -> assertThat(ex.code()).isEqualTo("csv.binary"));
		byte[] markThenBinary = { (byte) 0xFF, (byte) 0xFE, 'P', 'K', 0, 0, 3, 4 };
		assertThatThrownBy(() -> new CsvScan(1024).feed(markThenBinary, markThenBinary.length))
			.isInstanceOfSatisfying(CsvRefusedException.class, ex -> assertThat(ex.code()).isEqualTo("csv.binary"));
	}

	@Test
	void aLineOverTheLimitStopsReading() {
		String longLine = "x".repeat(2000);
		assertThatThrownBy(() -> read("a,b\n" + longLine + "\n")).isInstanceOfSatisfying(CsvRefusedException.class,
				ex -> assertThat(ex.args()[0]).isEqualTo(2L));
	}

	private static List<CsvRow> read(String text) throws IOException {
		List<CsvRow> rows = new ArrayList<>();
		try (CsvRecords records = CsvRecords.open(new StringReader(text), CsvDialect.ofText(text), 1024)) {
			CsvRow row;
			while ((row = records.next()) != null) {
				if (rows.isEmpty()) {
					records.expectFields(row.fields().size());
				}
				rows.add(row);
			}
		}
		return rows;
	}

}
