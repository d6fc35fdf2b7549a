package kz.digitaltenge.hub.routefiles;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The route files of {@code hub.routes.dir} (unset: none), loaded before the intake learns its sources. */
@Configuration(proxyBeanMethods = false)
public class RouteFilesConfiguration {
    @Bean
    RouteFiles.Loaded routeFiles(CamelContext camel, @Value("${hub.routes.dir:}") String dir) {
        return RouteFiles.load(camel, dir == null || dir.isBlank() ? null : Path.of(dir));
    }
}
