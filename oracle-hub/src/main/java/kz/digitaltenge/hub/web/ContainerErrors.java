package kz.digitaltenge.hub.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Errors Tomcat answers itself, before a request reaches the application (an encoded {@code /} or {@code \}, a NUL,
 * a URI or header it cannot parse): its host's error report valve wrote an HTML page naming the server. The hub's
 * host uses {@link JsonErrorReportValve} instead, which answers the API's error shape like {@link ErrorEndpoint}.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrors {
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonContainerErrors() {
        // the host adds its error report valve when it starts; naming our class here makes it add that one
        return factory -> factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                .setErrorReportValveClass(JsonErrorReportValve.class.getName()));
    }

    /** Writes {@code {"reason","message"}} for an error status nothing else has written a body for. */
    public static class JsonErrorReportValve extends ErrorReportValve {
        public JsonErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            HttpStatus status = HttpStatus.resolve(code);
            if (code < 400 || status == null || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String message = code == 400 ? "the request is malformed (refused before it reached an endpoint)"
                    : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    // reason and message are fixed strings without quotes or backslashes: no escaping needed
                    writer.write("{\"reason\":\"" + ErrorEndpoint.reason(status) + "\",\"message\":\"" + message + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response cannot take a body: nothing more to tell it
            }
        }
    }
}
