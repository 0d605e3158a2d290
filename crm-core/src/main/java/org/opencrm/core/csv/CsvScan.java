package org.opencrm.core.csv;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Looks at an upload as it streams past, once, without keeping it: refuses a binary file
 * (a NUL byte), a line longer than the limit, and (at the end) an empty one; tells UTF-8
 * (with or without BOM) from Windows-1252 — a file that isn't valid UTF-8 is taken as
 * 1252, the encoding Excel writes on Western Windows — and sniffs the delimiter from the
 * header line. A file starting with a UTF-16 byte order mark (Excel's "Unicode text",
 * either byte order) is read as UTF-16: its characters are two bytes, half of them NUL
 * for Latin text, so there a NUL character (not byte) marks a binary file.
 */
public final class CsvScan {

	public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private final int maxLineBytes;

	private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private byte[] carry = new byte[0];

	private final CharBuffer sink = CharBuffer.allocate(64 * 1024);

	private final ByteArrayOutputStream header = new ByteArrayOutputStream();

	private boolean validUtf8 = true;

	private boolean headerDone;

	private long bytes;

	private long line = 1;

	private long lineBytes;

	private long nonBlankLines;

	private boolean lineHasText;

	/** UTF-16 with a BOM: its byte order, or null for a byte-wise file. */
	private Charset utf16;

	private byte firstByte;

	/** A UTF-16 character's first byte when a read ended between its two. */
	private int pendingByte = -1;

	public CsvScan(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	/** The next bytes of the file. */
	public void feed(byte[] buf, int len) {
		if (bytes == 0 && len > 0) {
			firstByte = buf[0];
		}
		if (bytes <= 1 && bytes + len >= 2 && utf16 == null) {
			utf16 = CsvDialect.utf16Of(firstByte, bytes == 0 ? buf[1] : buf[0]);
			if (utf16 != null && bytes == 1) {
				// the first byte went the byte-wise way: start over with it
				header.reset();
				lineBytes = 0;
				lineHasText = false;
				pendingByte = firstByte & 0xff;
			}
		}
		if (utf16 != null) {
			feedUtf16(buf, len);
			return;
		}
		for (int i = 0; i < len; i++) {
			byte b = buf[i];
			if (b == 0) {
				throw new CsvRefusedException("csv.binary", "This is not a text file (CSV).");
			}
			if (b == '\n') {
				endLine();
				continue;
			}
			if (!headerDone) {
				header.write(b);
			}
			if (++lineBytes > maxLineBytes) {
				throw CsvRefusedException.lineTooLong(line, maxLineBytes);
			}
			if (!lineHasText && b != '\r' && b != ' ' && b != '\t' && !(bytes + i < 3 && isBomByte(b))) {
				lineHasText = true;
			}
		}
		bytes += len;
		if (validUtf8) {
			checkUtf8(ByteBuffer.wrap(buf, 0, len), false);
		}
	}

	/** UTF-16 character by character (the BOM first, never text). */
	private void feedUtf16(byte[] buf, int len) {
		boolean bigEndian = utf16 == StandardCharsets.UTF_16BE;
		for (int i = 0; i < len; i++) {
			if (pendingByte < 0) {
				pendingByte = buf[i] & 0xff;
				continue;
			}
			int second = buf[i] & 0xff;
			char c = (char) (bigEndian ? pendingByte << 8 | second : second << 8 | pendingByte);
			long at = bytes + i - 1;
			pendingByte = -1;
			if (c == 0) {
				throw new CsvRefusedException("csv.binary", "This is not a text file (CSV).");
			}
			if (c == '\n') {
				endLine();
				continue;
			}
			if (!headerDone && at >= 2) {
				header.write(bigEndian ? c >> 8 : c & 0xff);
				header.write(bigEndian ? c & 0xff : c >> 8);
			}
			lineBytes += 2;
			if (lineBytes > maxLineBytes) {
				throw CsvRefusedException.lineTooLong(line, maxLineBytes);
			}
			if (!lineHasText && at >= 2 && c != '\r' && c != ' ' && c != '\t') {
				lineHasText = true;
			}
		}
		bytes += len;
	}

	private static boolean isBomByte(byte b) {
		return b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF;
	}

	private void endLine() {
		headerDone = true;
		nonBlankLines += lineHasText ? 1 : 0;
		lineHasText = false;
		lineBytes = 0;
		line++;
	}

	private void checkUtf8(ByteBuffer in, boolean end) {
		ByteBuffer src = in;
		if (carry.length > 0) {
			src = ByteBuffer.allocate(carry.length + in.remaining()).put(carry).put(in).flip();
		}
		CoderResult result;
		do {
			sink.clear();
			result = utf8.decode(src, sink, end);
		}
		while (result.isOverflow());
		if (result.isError()) {
			validUtf8 = false;
			return;
		}
		// a character split between two reads: finish it with the next
		carry = new byte[src.remaining()];
		src.get(carry);
	}

	/**
	 * The file's dialect, once every byte was fed.
	 * @throws CsvRefusedException when the file holds no text or only a header
	 */
	public CsvDialect finish() {
		if (lineBytes > 0 || lineHasText) {
			endLine();
		}
		if (validUtf8 && carry.length > 0) {
			validUtf8 = false;
		}
		if (utf16 != null && pendingByte >= 0) {
			throw new CsvRefusedException("csv.binary", "This is not a text file (CSV).");
		}
		if (nonBlankLines == 0) {
			throw new CsvRefusedException("csv.empty", "The file is empty.");
		}
		if (nonBlankLines == 1) {
			throw new CsvRefusedException("csv.noRows", "The file has a header line but no rows.");
		}
		byte[] head = header.toByteArray();
		if (utf16 != null) {
			return new CsvDialect(utf16, true, CsvDialect.sniffDelimiter(new String(head, utf16)));
		}
		boolean bom = head.length >= 3 && head[0] == CsvDialect.UTF8_BOM[0] && head[1] == CsvDialect.UTF8_BOM[1]
				&& head[2] == CsvDialect.UTF8_BOM[2];
		Charset charset = validUtf8 ? StandardCharsets.UTF_8 : WINDOWS_1252;
		String text = bom ? new String(head, 3, head.length - 3, charset) : new String(head, charset);
		return new CsvDialect(charset, bom && validUtf8, CsvDialect.sniffDelimiter(text));
	}

	public long bytes() {
		return bytes;
	}

	/** Lines with text, the header's included (a quoted field over lines counts each). */
	public long nonBlankLines() {
		return nonBlankLines;
	}

}
