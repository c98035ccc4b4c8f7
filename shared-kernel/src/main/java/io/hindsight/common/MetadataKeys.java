package io.hindsight.common;

/** Names of the metadata every command and event carries. */
public final class MetadataKeys {

    public static final String ACTOR_ID = "actorId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    /** When the access token a request's command was sent with was issued (epoch milliseconds); commands only. */
    public static final String ACTOR_TOKEN_ISSUED_AT = "actorTokenIssuedAt";

    /** The actor recorded for work the system does on its own (start-up, deadlines). */
    public static final String SYSTEM_ACTOR = "system";

    private MetadataKeys() {}
}
