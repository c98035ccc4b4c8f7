package io.hindsight.platform.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The CPU cost of sealing personal fields, without a database or HTTP in the way: a ProfileChanged with a
 * new name, nickname and gender serialized and read back by the event serializer with and without sealing
 * (keys cached, as in steady state). Run its main with the test classpath (docs/benchmarks.md).
 */
public final class PersonalDataSealingCost {

    private static final int EVENTS = 200_000;

    private PersonalDataSealingCost() {}

    public static void main(String[] args) {
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        PersonalDataKeys cachedKeys = new PersonalDataKeys(null, null) {
            @Override
            public Optional<SubjectKey> forEncryption(String subject) {
                return Optional.of(new SubjectKey("k-" + subject, key));
            }

            @Override
            public Optional<SecretKey> forDecryption(String keyId) {
                return Optional.of(key);
            }
        };
        ObjectMapper base = new ObjectMapper().registerModule(new JavaTimeModule());
        PersonalDataCipher cipher = new PersonalDataCipher(cachedKeys);
        Serializer plain = serializer(base.copy());
        Serializer sealed =
                serializer(base.copy().registerModule(new PersonalDataModule(cipher, cachedKeys, base.copy(), true)));
        ProfileChanged event = new ProfileChanged(
                AccountId.newId(), new ProfileFields("Mina Kim", "mina", Gender.FEMALE), Instant.now());
        for (int round = 0; round < 3; round++) {
            double plainMicros = microsPerEvent(plain, event);
            double sealedMicros = microsPerEvent(sealed, event);
            System.out.printf(
                    "round %d: plain %.2f us/event, sealed %.2f us/event, sealing adds %.2f us%n",
                    round, plainMicros, sealedMicros, sealedMicros - plainMicros);
        }
    }

    private static Serializer serializer(ObjectMapper mapper) {
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    private static double microsPerEvent(Serializer serializer, ProfileChanged event) {
        long checksum = 0;
        long started = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
            ProfileChanged read = serializer.deserialize(stored);
            checksum += read.changes().nickname().length();
        }
        long elapsed = System.nanoTime() - started;
        if (checksum != (long) EVENTS * event.changes().nickname().length()) {
            throw new IllegalStateException("Read back something else");
        }
        return elapsed / 1000.0 / EVENTS;
    }
}
