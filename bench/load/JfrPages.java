import java.nio.file.*;
import java.time.*;
import java.util.*;
import jdk.jfr.consumer.*;

/**
 * Reads the JFR recording of a bench/load/run.sh run (JFR=1) page by page: for each app row of results.jsonl (its
 * start and seconds), the request threads' samples in that window as shares of named areas (Thymeleaf, SpEL, session,
 * handler look-up, security, JDBC, ...; inclusive), the top self-time frames, and sampled allocation per request.
 *
 *   java bench/load/JfrPages.java OUT [top, default 30] [regex of frames to list inclusively]
 *
 * Small pages need more samples than JFR's profile settings take (10 ms): run with JFR_SETTINGS=a copy of
 * $JAVA_HOME/lib/jfr/profile.jfc whose jdk.ExecutionSample period is 1 ms. With jdk.JavaExceptionThrow enabled in
 * that copy, it also counts the exceptions constructed per request, by class and the first application frame.
 */
public class JfrPages {
  record Win(String page, int c, Instant a, Instant b, long requests, long cpuMs) {}
  static final String[][] MARK = {
    {"thymeleaf render", "org.thymeleaf.TemplateEngine.process"},
    {"  sec:authorize", "org.thymeleaf.extras.springsecurity6.auth.AuthUtils.authorizeUsingAccessExpression"},
    {"  message #{...}", "org.thymeleaf.spring6.messageresolver.SpringMessageResolver.resolveMessage"},
    {"  link @{...}", "org.thymeleaf.standard.expression.LinkExpression.executeLinkExpression"},
    {"  response.encodeURL", "org.apache.catalina.connector.ResponseFacade.encodeURL"},
    {"  resource url encoding", "org.springframework.web.servlet.resource.ResourceUrlEncodingFilter$ResourceUrlEncodingResponseWrapper.encodeURL"},
    {"  template resolution/cache", "org.thymeleaf.engine.TemplateManager.parseAndProcess"},
    {"  fragment ~{...} resolution", "org.thymeleaf.standard.expression.FragmentExpression.resolveExecutedFragmentExpression"},
    {"  SpEL evaluation", "org.thymeleaf.spring6.expression.SPELVariableExpressionEvaluator.evaluate"},
    {"  bell fragment", "org.opencrm.web.notification"},
    {"session read (findById)", "org.opencrm.web.security.SessionWrites.findById"},
    {"session save", "org.opencrm.web.security.SessionWrites.save"},
    {"session attr deserialize", "org.springframework.core.serializer.support.DeserializingConverter.convert"},
    {"session attr serialize", "org.springframework.core.serializer.support.SerializingConverter.convert"},
    {"controller (invokeAndHandle)", "org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle"},
    {"  argument resolution", "org.springframework.web.method.support.InvocableHandlerMethod.getMethodArgumentValues"},
    {"  doInvoke (controller body)", "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke"},
    {"model factory/advice", "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.getModelFactory"},
    {"handler lookup", "org.springframework.web.servlet.handler.AbstractHandlerMethodMapping.lookupHandlerMethod"},
    {"getHandler (all mappings)", "org.springframework.web.servlet.DispatcherServlet.getHandler"},
    {"interceptors preHandle", "org.springframework.web.servlet.HandlerExecutionChain.applyPreHandle"},
    {"view resolution", "org.springframework.web.servlet.DispatcherServlet.resolveViewName"},
    {"security: authorization filter (and all after it)", "org.springframework.security.web.access.intercept.AuthorizationFilter.doFilter"},
    {"security: chain select", "org.springframework.security.web.FilterChainProxy.getFilters"},
    {"security: firewall", "org.springframework.security.web.firewall.StrictHttpFirewall.getFirewalledRequest"},
    {"security: context load", "org.springframework.security.web.context.HttpSessionSecurityContextRepository.loadContext"},
    {"security: header writers (and all after it)", "org.springframework.security.web.header.HeaderWriterFilter"},
    {"security: csrf (and all after it)", "org.springframework.security.web.csrf.CsrfFilter.doFilterInternal"},
    {"security: request cache (and all after it)", "org.springframework.security.web.savedrequest.RequestCacheAwareFilter.doFilter"},
    {"jdbc execute", "org.postgresql.jdbc.PgPreparedStatement.executeWithFlags"},
    {"jdbc (all pgjdbc)", "org.postgresql."},
    {"exceptions constructed (Throwable.<init>, all)", "java.lang.Throwable.<init>"},
    {"  row values by getObject(i, Class) (JdbcUtils)", "org.springframework.jdbc.support.JdbcUtils.getResultSetValue"},
    {"hikari getConnection", "com.zaxxer.hikari.HikariDataSource.getConnection"},
    {"tx begin", "org.springframework.transaction.support.AbstractPlatformTransactionManager.getTransaction"},
    {"tx commit", "org.springframework.transaction.support.AbstractPlatformTransactionManager.commit"},
    {"hibernate", "org.hibernate."},
    {"jackson", "tools.jackson."},
    {"flash map retrieve", "org.springframework.web.servlet.support.AbstractFlashMapManager.retrieveAndUpdate"},
    {"flash map save", "org.springframework.web.servlet.support.AbstractFlashMapManager.saveOutputFlashMap"},
    {"micrometer", "io.micrometer."},
    {"logging", "ch.qos.logback"},
    {"locale resolver", "org.opencrm.web.system.UserLocales"},
    {"tomcat request parse", "org.apache.coyote.http11.Http11InputBuffer.parseHeaders"},
    {"response write/flush", "org.apache.catalina.connector.OutputBuffer.flush"},
    {"exception construction", "java.lang.Throwable.<init>"},
  };
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<Win> wins = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("results.jsonl"))) {
      if (!l.contains("\"kind\":\"app\"")) continue;
      String page = field(l, "page"); int c = Integer.parseInt(num(l, "c"));
      Instant a = Instant.parse(field(l, "start")); int secs = Integer.parseInt(num(l, "seconds"));
      wins.add(new Win(page, c, a, a.plusSeconds(secs), Long.parseLong(num(l, "requests")), Long.parseLong(num(l, "cpu_ms"))));
    }
    Map<Win, Map<String, Integer>> self = new LinkedHashMap<>(), incl = new LinkedHashMap<>(), marks = new LinkedHashMap<>(), firstApp = new LinkedHashMap<>();
    Map<Win, Map<String, Long>> alloc = new LinkedHashMap<>();
    Map<Win, int[]> n = new LinkedHashMap<>();
    Map<Win, Map<String, Integer>> thrown = new LinkedHashMap<>();
    for (Win w : wins) { self.put(w, new HashMap<>()); incl.put(w, new HashMap<>()); marks.put(w, new HashMap<>()); firstApp.put(w, new HashMap<>()); alloc.put(w, new HashMap<>()); n.put(w, new int[1]); thrown.put(w, new HashMap<>()); }
    try (RecordingFile rf = new RecordingFile(dir.resolve("run.jfr"))) {
      while (rf.hasMoreEvents()) {
        RecordedEvent e = rf.readEvent();
        String type = e.getEventType().getName();
        boolean exec = type.equals("jdk.ExecutionSample");
        boolean al = type.equals("jdk.ObjectAllocationSample");
        boolean ex = type.equals("jdk.JavaExceptionThrow");
        if (!exec && !al && !ex) continue;
        RecordedThread t = exec ? e.getThread("sampledThread") : e.getThread("eventThread");
        if (t == null || t.getJavaName() == null || !t.getJavaName().startsWith("http-nio")) continue;
        Instant at = e.getStartTime();
        Win w = null;
        for (Win x : wins) if (!at.isBefore(x.a) && at.isBefore(x.b)) { w = x; break; }
        if (w == null || e.getStackTrace() == null) continue;
        List<RecordedFrame> fr = e.getStackTrace().getFrames();
        if (fr.isEmpty()) continue;
        if (ex) {
          String site = null;
          for (RecordedFrame f : fr) { String nm = name(f); if (nm.startsWith("org.opencrm.")) { site = nm; break; } }
          thrown.get(w).merge(e.getClass("thrownClass").getName() + " @ " + site, 1, Integer::sum);
          thrown.get(w).merge("(total)", 1, Integer::sum);
          continue;
        }
        if (al) {
          long weight = e.getLong("weight");
          String site = null;
          for (RecordedFrame f : fr) { String nm = name(f); if (!nm.startsWith("java.") && !nm.startsWith("jdk.") && !nm.startsWith("sun.")) { site = nm; break; } }
          alloc.get(w).merge(e.getClass("objectClass").getName() + " @ " + site, weight, Long::sum);
          alloc.get(w).merge("(total)", weight, Long::sum);
          continue;
        }
        n.get(w)[0]++;
        self.get(w).merge(name(fr.get(0)), 1, Integer::sum);
        for (RecordedFrame f : fr) { String nm = name(f); if (!nm.startsWith("java.") && !nm.startsWith("jdk.") && !nm.startsWith("sun.")) { firstApp.get(w).merge(nm, 1, Integer::sum); break; } }
        Set<String> names = new HashSet<>();
        for (RecordedFrame f : fr) names.add(name(f));
        for (String nm : names) incl.get(w).merge(nm, 1, Integer::sum);
        for (String[] m : MARK) for (String nm : names) if (nm.startsWith(m[1])) { marks.get(w).merge(m[0], 1, Integer::sum); break; }
      }
    }
    for (Win w : wins) {
      int total = n.get(w)[0];
      System.out.printf("===== %s c=%d: %d samples, %d requests, JVM cpu %d ms (%.2f ms/req), %.1f samples/req%n", w.page, w.c, total, w.requests, w.cpuMs, (double) w.cpuMs / w.requests, (double) total / w.requests);
      if (total == 0) continue;
      System.out.println("  -- areas (inclusive share of request-thread samples)");
      for (String[] m : MARK) { Integer v = marks.get(w).get(m[0]); if (v != null) System.out.printf("  %5.1f%% %s%n", 100.0 * v / total, m[0]); }
      System.out.println("  -- self (top frame)");
      print(self.get(w), total, top);
      System.out.println("  -- self, first non-JDK frame");
      print(firstApp.get(w), total, top);
      System.out.println("  -- allocation (sampled weight) by class @ first non-JDK frame");
      long all = alloc.get(w).getOrDefault("(total)", 1L);
      System.out.printf("  total %.1f KB/req%n", all / 1024.0 / w.requests);
      alloc.get(w).entrySet().stream().filter(x -> !x.getKey().equals("(total)")).sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(top)
        .forEach(x -> System.out.printf("  %5.1f%% %s%n", 100.0 * x.getValue() / all, x.getKey()));
      if (!thrown.get(w).isEmpty()) {
        int made = thrown.get(w).get("(total)");
        System.out.printf("  -- exceptions constructed on request threads (jdk.JavaExceptionThrow): %d, %.2f per request%n", made, (double) made / w.requests);
        thrown.get(w).entrySet().stream().filter(x -> !x.getKey().equals("(total)")).sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
          .forEach(x -> System.out.printf("  %8.2f/req %s%n", (double) x.getValue() / w.requests, x.getKey()));
      }
      if (args.length > 2) {
        System.out.println("  -- inclusive matching " + args[2]);
        incl.get(w).entrySet().stream().filter(x -> x.getKey().matches(args[2])).sorted((x, y) -> y.getValue() - x.getValue()).limit(60)
          .forEach(x -> System.out.printf("  %5.1f%% %s%n", 100.0 * x.getValue() / total, x.getKey()));
      }
    }
  }
  static void print(Map<String, Integer> m, int total, int top) {
    m.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top).forEach(x -> System.out.printf("  %5.1f%% %s%n", 100.0 * x.getValue() / total, x.getKey()));
  }
  static String name(RecordedFrame f) { return f.getMethod().getType().getName() + "." + f.getMethod().getName(); }
  static String field(String l, String k) { int i = l.indexOf("\"" + k + "\":\"") + k.length() + 4; return l.substring(i, l.indexOf('"', i)); }
  static String num(String l, String k) { int i = l.indexOf("\"" + k + "\":") + k.length() + 3; int j = i; while (j < l.length() && (Character.isDigit(l.charAt(j)))) j++; return l.substring(i, j); }
}
