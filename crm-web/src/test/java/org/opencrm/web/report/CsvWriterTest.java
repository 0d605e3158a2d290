package org.opencrm.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.report.ColumnType;

class CsvWriterTest {

	@Test
	void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndQuotesDoubled() throws Exception {
		assertThat(write(CsvWriter.Cell.text("plain"), CsvWriter.Cell.text("a,b"), CsvWriter.Cell.text("say \"hi\""),
				CsvWriter.Cell.text("two\r\nlines"), CsvWriter.Cell.text(null), CsvWriter.Cell.text("")))
			.isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",,\r\n");
	}

	@Test
	void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() throws Exception {
		assertThat(write(CsvWriter.Cell.text("=1+2"), CsvWriter.Cell.text("+49 30 1234"), CsvWriter.Cell.text("-x"),
				CsvWriter.Cell.text("@cmd"), CsvWriter.Cell.text("\tTab"), CsvWriter.Cell.text("\rCR"),
				CsvWriter.Cell.text("a=b")))
			.isEqualTo("'=1+2,'+49 30 1234,'-x,'@cmd,'\tTab,\"'\rCR\",a=b\r\n");
	}

	@Test
	void numbersAreWrittenPlainEvenWhenNegative() throws Exception {
		assertThat(write(ReportCells.csv(ColumnType.MONEY, new BigDecimal("-1234.50")),
				ReportCells.csv(ColumnType.INTEGER, 1234567L),
				ReportCells.csv(ColumnType.PERCENT, new BigDecimal("66.7")),
				ReportCells.csv(ColumnType.DURATION, Duration.ofMinutes(90))))
			.isEqualTo("-1234.50,1234567,66.7,1.50\r\n");
	}

	private static String write(CsvWriter.Cell... cells) throws Exception {
		StringWriter out = new StringWriter();
		new CsvWriter(out).row(List.of(cells));
		return out.toString();
	}

}
