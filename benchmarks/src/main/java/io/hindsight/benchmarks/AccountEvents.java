package io.hindsight.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.common.MetadataKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/** The account events the application writes, with its metadata, for benchmarks that bypass its commands. */
public final class AccountEvents {

    public static final String AGGREGATE_TYPE = "Account";
    private static final Gender[] GENDERS = {Gender.FEMALE, Gender.MALE, Gender.OTHER};

    private AccountEvents() {}

    /** Jackson as the application configures it for events (ISO dates, annotation revisions). */
    public static Serializer serializer() {
        ObjectMapper json = JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        return JacksonSerializer.builder().objectMapper(json).build();
    }

    public static DomainEventMessage<AccountSignedUp> signedUp(String accountId, long number) {
        AccountSignedUp payload = new AccountSignedUp(
                AccountId.of(accountId),
                "seeded-" + number + "@bench.hindsight.test",
                new ProfileFields("Seeded Member " + number, null, GENDERS[(int) (number % GENDERS.length)]),
                Set.of(Role.MEMBER),
                SignUpMethod.PASSWORD,
                null);
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, accountId, 0, payload, metadata(accountId));
    }

    public static DomainEventMessage<ProfileChanged> profileChanged(String accountId, long sequence, long number) {
        ProfileChanged payload = new ProfileChanged(
                AccountId.of(accountId),
                new ProfileFields("Seeded Member " + number + " v" + sequence, null, null),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, accountId, sequence, payload, metadata(accountId));
    }

    private static Map<String, String> metadata(String actorId) {
        return Map.of(
                MetadataKeys.ACTOR_ID,
                actorId,
                MetadataKeys.CORRELATION_ID,
                UUID.randomUUID().toString());
    }
}
