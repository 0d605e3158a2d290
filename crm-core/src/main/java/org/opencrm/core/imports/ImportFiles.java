package org.opencrm.core.imports;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The uploaded files, in {@code import_chunks}: written once as they stream in, read back
 * one chunk at a time, so neither side holds a whole file and every node reads the same
 * copy.
 */
@Component
class ImportFiles {

	private final JdbcClient jdbc;

	ImportFiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void write(long importId, int seq, byte[] data, int length) {
		byte[] bytes = length == data.length ? data : java.util.Arrays.copyOf(data, length);
		jdbc.sql("insert into import_chunks (import_id, seq, data) values (?, ?, ?)")
			.params(importId, seq, bytes)
			.update();
	}

	/** The file from its first byte; each read past a chunk's end fetches the next. */
	InputStream open(long importId, int chunks) {
		return new InputStream() {

			private byte[] chunk = new byte[0];

			private int pos;

			private int next;

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (len == 0) {
					return 0;
				}
				while (pos == chunk.length) {
					if (next >= chunks) {
						return -1;
					}
					chunk = jdbc.sql("select data from import_chunks where import_id = ? and seq = ?")
						.params(importId, next++)
						.query(byte[].class)
						.single();
					pos = 0;
				}
				int n = Math.min(len, chunk.length - pos);
				System.arraycopy(chunk, pos, b, off, n);
				pos += n;
				return n;
			}
		};
	}

}
