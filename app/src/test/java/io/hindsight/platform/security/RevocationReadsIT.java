package io.hindsight.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.RedisClientInfo;

/**
 * The revocation check of every authenticated request reads Redis over connections of its own, on the request's
 * thread; a connection Redis closed under it costs no request a 503.
 */
class RevocationReadsIT extends IntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void theRevocationCheckReadsOverItsOwnConnections() {
        Member member = api.signUp("Checked Reader");
        member.request().get("/api/me").then().statusCode(200);

        assertThat(revocationClients())
                .as("Redis clients named %s", BlockingRevocationReads.CLIENT_NAME)
                .anySatisfy(client -> assertThat(client.get("cmd")).isEqualTo("mget"));
    }

    @Test
    void connectionsRedisClosedAreReplacedWithoutFailingARequest() {
        Member member = api.signUp("Reconnected Reader");
        member.request().get("/api/me").then().statusCode(200);
        List<RedisClientInfo> pooled = revocationClients();
        assertThat(pooled).isNotEmpty();

        redis.execute((RedisCallback<Void>) (RedisConnection connection) -> {
            pooled.forEach(client -> {
                String[] address = client.getAddressPort().split(":");
                connection.serverCommands().killClient(address[0], Integer.parseInt(address[1]));
            });
            return null;
        });

        for (int read = 0; read < 3; read++) {
            member.request().get("/api/me").then().statusCode(200).body("name", equalTo("Reconnected Reader"));
        }
        member.request().post("/api/auth/logout").then().statusCode(204);
        member.request().get("/api/me").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
    }

    private List<RedisClientInfo> revocationClients() {
        return redis
                .execute((RedisCallback<List<RedisClientInfo>>)
                        connection -> connection.serverCommands().getClientList())
                .stream()
                .filter(client -> BlockingRevocationReads.CLIENT_NAME.equals(client.getName()))
                .toList();
    }
}
