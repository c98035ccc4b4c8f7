package io.hindsight.account;

import io.hindsight.account.CredentialStore.StoredCredentials;
import io.hindsight.account.api.AccountCommand;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.MetadataKeys;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Refuses a command whose actor has resigned (409 ACCOUNT_RESIGNED) or whose access token a change of the account
 * has voided since the request was let in (401 TOKEN_REVOKED), checked in the command's transaction under a share
 * lock of the actor's credentials row. A request authenticated a moment before its account resigned, or before an
 * ADMIN took a role away, had still run its command after the change: a store opened, a space relisted, a campaign
 * created that the change's wind-up never saw. Now such a command either runs first, and the change (which updates
 * that row) waits for it and winds up what it made, or runs after and is refused. Not checked: commands to the actor's
 * own account (the account itself refuses them once resigned), commands sent by another command (their sender was
 * checked) and actors without credentials (the system, the payment provider).
 */
@CommandRole
@Component
class RevokedActorRefusal implements MessageHandlerInterceptor<CommandMessage<?>>, SmartInitializingSingleton {

    private final CommandBus commandBus;
    private final CredentialStore credentials;

    RevokedActorRefusal(CommandBus commandBus, CredentialStore credentials) {
        this.commandBus = commandBus;
        this.credentials = credentials;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // registered after the bus's own transaction interceptor, so the check runs inside the command's transaction
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (unitOfWork.parent().isEmpty()
                && command.getMetaData().get(MetadataKeys.ACTOR_ID) instanceof String actor
                && !(command.getPayload() instanceof AccountCommand own
                        && own.accountId().value().equals(actor))) {
            credentials
                    .lockedById(AccountId.of(actor))
                    .ifPresent(account ->
                            refuseRevoked(account, command.getMetaData().get(MetadataKeys.ACTOR_TOKEN_ISSUED_AT)));
        }
        return chain.proceed();
    }

    private static void refuseRevoked(StoredCredentials account, Object tokenIssuedAt) {
        if (account.resigned()) {
            throw new BusinessException(AccountError.ACCOUNT_RESIGNED, "Your account has resigned");
        }
        if (tokenIssuedAt instanceof Long issuedAt
                && account.tokensValidAfter() != null
                && issuedAt < account.tokensValidAfter().toEpochMilli()) {
            throw new BusinessException(CommonError.TOKEN_REVOKED, "The access token has been revoked; log in again");
        }
    }
}
