package kz.digitaltenge.hub.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The party scope of narrowed callers on every handler, and who a replay runs as. */
@Configuration(proxyBeanMethods = false)
public class ScopeConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PartyScopeInterceptor()).addPathPatterns("/api/**");
    }

    @Bean
    SenderResolver senderResolver(HubUsers users) {
        return new SenderResolver(users);
    }
}
