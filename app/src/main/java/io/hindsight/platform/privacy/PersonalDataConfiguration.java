package io.hindsight.platform.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.platform.axon.EventJacksonSerializer;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The event serializer: Axon's Jackson serializer (see {@link EventJacksonSerializer}) with personal fields encrypted per account. */
@Configuration(proxyBeanMethods = false)
public class PersonalDataConfiguration {

    @Bean
    public PersonalDataKeys personalDataKeys(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        return new PersonalDataKeys(jdbc, transactionManager);
    }

    @Bean
    public PersonalDataCipher personalDataCipher(PersonalDataKeys keys) {
        return new PersonalDataCipher(keys);
    }

    @Bean
    @Qualifier("eventSerializer") public Serializer eventSerializer(
            ObjectMapper objectMapper,
            RevisionResolver revisionResolver,
            PersonalDataCipher cipher,
            PersonalDataKeys keys,
            @Value("${hindsight.privacy.seal-personal-data:true}") boolean sealing) {
        ObjectMapper events =
                objectMapper.copy().registerModule(new PersonalDataModule(cipher, keys, objectMapper.copy(), sealing));
        return new EventJacksonSerializer(JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(PersonalDataConfiguration.class.getClassLoader()))
                .objectMapper(events));
    }
}
