package kz.digitaltenge.hub.api;

import com.zaxxer.hikari.HikariDataSource;
import kz.digitaltenge.hub.quarantine.QuarantineStore;
import kz.digitaltenge.hub.security.HubUsers;
import kz.digitaltenge.hub.security.SignedInUser;
import kz.digitaltenge.hub.security.UserPreferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin UI in the hub: its pages are the admin-ui module's static files ({@code /admin/...}); {@code /admin} and
 * {@code /admin/} open its one page. The signed-in user and its preferences are the hub's.
 */
@Configuration(proxyBeanMethods = false)
public class AdminUiConfiguration implements WebMvcConfigurer {
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/admin").setViewName("redirect:/admin/");
        registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
    }

    /** Needs the hub schema (user_preferences), which the quarantine store migrates. */
    @Bean
    UserPreferences userPreferences(HikariDataSource dataSource, QuarantineStore migratedHubSchema) {
        return new UserPreferences(dataSource);
    }

    @Bean
    SignedInUser signedInUser(HubUsers users, UserPreferences preferences) {
        return new SignedInUser(users, preferences);
    }
}
