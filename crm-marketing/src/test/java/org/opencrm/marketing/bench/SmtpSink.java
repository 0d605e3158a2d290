package org.opencrm.marketing.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal in-process SMTP server for the send benchmark: it speaks just enough SMTP for
 * JavaMail (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), counts accepted messages and
 * their distinct recipients, and keeps nothing else — GreenMail keeps every message in
 * memory, which 100,000 messages would fill. Tests also use it to break the line before
 * or after the end of a message ({@link #breakNext}).
 */
public final class SmtpSink implements AutoCloseable {

	private final ServerSocket server;

	private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "smtp-sink");
		t.setDaemon(true);
		return t;
	});

	public final AtomicLong messages = new AtomicLong();

	public final Set<String> recipients = ConcurrentHashMap.newKeySet();

	/** The recipient of every message received, in order (duplicates included). */
	public final java.util.Queue<String> received = new java.util.concurrent.ConcurrentLinkedQueue<>();

	/** Where the sink drops the line of the next message, for tests of broken lines. */
	public enum Break {

		/** Never. */
		NONE,
		/**
		 * At the DATA command, before any of the message: the server has nothing to
		 * deliver. (A line dropped in the middle of a small message looks the same to the
		 * client as one dropped after it — the rest sits in the socket's buffer — so only
		 * an earlier break is certainly "before the end".)
		 */
		BEFORE_END,
		/** After the final ".", without an answer: the server has (and keeps) it. */
		AFTER_END

	}

	public final java.util.concurrent.atomic.AtomicReference<Break> breakNext = new java.util.concurrent.atomic.AtomicReference<>(
			Break.NONE);

	public SmtpSink() throws IOException {
		server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		pool.submit(this::accept);
	}

	public int port() {
		return server.getLocalPort();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket s = server.accept();
				pool.submit(() -> session(s));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void session(Socket socket) {
		try (socket;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = socket.getOutputStream()) {
			reply(out, "220 sink ESMTP");
			String rcpt = null;
			String line;
			while ((line = in.readLine()) != null) {
				String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
				switch (cmd) {
					case "EHLO" -> reply(out, "250-sink\r\n250 8BITMIME");
					case "HELO", "NOOP" -> reply(out, "250 ok");
					case "MAIL" -> {
						rcpt = null;
						reply(out, "250 ok");
					}
					case "RCPT" -> {
						rcpt = line.substring(line.indexOf(':') + 1).trim().replaceAll("[<>]", "").toLowerCase();
						reply(out, "250 ok");
					}
					case "RSET" -> {
						rcpt = null;
						reply(out, "250 ok");
					}
					case "DATA" -> {
						Break brk = breakNext.getAndSet(Break.NONE);
						if (brk == Break.BEFORE_END) {
							return;
						}
						reply(out, "354 go ahead");
						String d;
						while ((d = in.readLine()) != null && !d.equals(".")) {
							// discard the message
						}
						messages.incrementAndGet();
						if (rcpt != null) {
							recipients.add(rcpt);
							received.add(rcpt);
						}
						if (brk == Break.AFTER_END) {
							return;
						}
						reply(out, "250 accepted");
					}
					case "QUIT" -> {
						reply(out, "221 bye");
						return;
					}
					default -> reply(out, "500 unknown");
				}
			}
		}
		catch (IOException ex) {
			// client went away
		}
	}

	private static void reply(OutputStream out, String s) throws IOException {
		out.write((s + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		server.close();
		pool.shutdownNow();
	}

}
