package io.hindsight.account.token;

import java.util.List;

/**
 * The Redis reads of the revocation check, which every authenticated request makes. The platform answers them
 * on the request's own thread over a pool of blocking connections: through the shared asynchronous client each
 * read was a hand-off to its event loop and back, a fifth of the processor time of a simple read request.
 */
@FunctionalInterface
public interface RevocationReads {

    /**
     * The keys' values in order, null where a key is missing. Redis unreachable, hung or refusing fails with a
     * {@link org.springframework.dao.DataAccessException}, never with an answer.
     */
    List<String> values(List<String> keys);
}
