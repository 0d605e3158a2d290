package org.opencrm.web.system;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.util.StringUtils;

/**
 * Console lines for {@code logback-spring.xml}: JSON in the structured format
 * {@code logging.structured.format.console} names ({@code ecs}, {@code logstash},
 * {@code gelf}; with the request id and the security events' key-values as fields) when
 * it is set, else the given pattern. Boot's own {@code console-appender.xml} ignores that
 * setting, so an app with its own logback file would keep writing plain text.
 */
public class ConsoleLogEncoder extends EncoderBase<ILoggingEvent> {

	private String pattern;

	private String structuredFormat;

	private Charset charset = StandardCharsets.UTF_8;

	private Encoder<ILoggingEvent> delegate;

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	public void setStructuredFormat(String structuredFormat) {
		this.structuredFormat = structuredFormat;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	@Override
	public void start() {
		if (StringUtils.hasText(structuredFormat)) {
			StructuredLogEncoder structured = new StructuredLogEncoder();
			structured.setFormat(structuredFormat);
			structured.setCharset(charset);
			delegate = structured;
		}
		else {
			PatternLayoutEncoder plain = new PatternLayoutEncoder();
			plain.setPattern(pattern);
			plain.setCharset(charset);
			delegate = plain;
		}
		delegate.setContext(getContext());
		delegate.start();
		super.start();
	}

	@Override
	public void stop() {
		super.stop();
		if (delegate != null) {
			delegate.stop();
		}
	}

	@Override
	public byte[] headerBytes() {
		return delegate.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return delegate.encode(event);
	}

	@Override
	public byte[] footerBytes() {
		return delegate.footerBytes();
	}

}
