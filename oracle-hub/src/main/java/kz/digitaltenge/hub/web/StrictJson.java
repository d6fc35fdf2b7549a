package kz.digitaltenge.hub.web;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One strict reading for every JSON body the hub takes — the API's request bodies (Spring's mapper) and the canonical
 * messages of the fact pipeline alike: a key twice, a fraction where a whole number belongs, a field the shape does not
 * have, a null for a number, or anything after the JSON value is refused (MALFORMED), never guessed at.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {
    private static final DeserializationFeature[] REFUSED_LOOSENESS = {
            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY};

    /** A strict mapper for code outside Spring's request handling (the pipeline's canonical messages). */
    public static ObjectMapper mapper() {
        return strict(new ObjectMapper());
    }

    public static ObjectMapper strict(ObjectMapper m) {
        for (DeserializationFeature f : REFUSED_LOOSENESS) {
            m.enable(f);
        }
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        return m;
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder.featuresToEnable((Object[]) REFUSED_LOOSENESS)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .featuresToEnable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    }
}
