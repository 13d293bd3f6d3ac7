package io.windshift.notification.inbox.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactResolved;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.ManagerOverCapacity;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.messaging.config.MessagingAutoConfiguration;
import io.windshift.messaging.consume.IdempotentBatch;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.notification.actions.ActionDeadlines;
import io.windshift.notification.audience.AllianceTeam;
import io.windshift.notification.audience.AllianceTeamProjection;
import io.windshift.notification.audience.Audience;
import io.windshift.notification.inbox.ImpactNotices;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.KeyRoleNotices;
import io.windshift.notification.inbox.Notice;
import io.windshift.notification.inbox.ProgressNotices;
import io.windshift.notification.inbox.Reach;
import io.windshift.notification.inbox.RoleVacancyNotices;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Alliance events in, notifications out. Recipients come from the team as it stood before the event, then
 * the projection moves on. Both steps are idempotent, so a redelivery after a crash between them is safe.
 */
@Component
class AllianceEventListener {

    private static final Logger log = LoggerFactory.getLogger(AllianceEventListener.class);

    private final IdempotentConsumer idempotent;
    private final AllianceTeamProjection projection;
    private final Audience audience;
    private final Inbox inbox;

    private final AwaitingTeam awaiting;
    private final ObligationEventListener obligations;
    private final ActionDeadlines deadlines;
    private final IdempotentBatch batch;

    AllianceEventListener(IdempotentConsumer idempotent, AllianceTeamProjection projection, Audience audience, Inbox inbox,
                          AwaitingTeam awaiting, ObligationEventListener obligations, ActionDeadlines deadlines) {
        this.deadlines = deadlines;
        this.batch = new IdempotentBatch(idempotent, "notification-service.alliance", AllianceEventListener::isImpact, this::applyImpacts, this::apply);
        this.awaiting = awaiting;
        this.obligations = obligations;
        this.idempotent = idempotent;
        this.projection = projection;
        this.audience = audience;
        this.inbox = inbox;
    }

    /**
     * A poll at a time: consecutive change impacts (a reorg's, by the thousand) are stored together, one write per
     * notification, while every other event is applied on its own, in order. Impacts do not change the team
     * projection, so a run of them reads the same teams as one by one would.
     */
    @KafkaListener(topics = Topics.ALLIANCE, groupId = "notification-service", containerFactory = MessagingAutoConfiguration.BATCH_FACTORY)
    void on(List<ConsumerRecord<String, CloudEvent>> records) {
        batch.handle(records);
    }

    private static boolean isImpact(CloudEvent event) {
        return event.knownType().orElse(null) == EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED;
    }

    private void applyImpacts(List<CloudEvent> impacts) {
        List<Notice> notices = new java.util.ArrayList<>();
        for (CloudEvent event : impacts) {
            List<Notice> of = notices(event);
            log.info("{} {}: {} notice(s)", event.type(), event.id(), of.size());
            notices.addAll(of);
        }
        inbox.deliverAll(notices);
    }

    private void apply(CloudEvent event) {
        EventType type = event.knownType().orElse(null);
        if (type == EventType.ALLIANCE_IMPACT_ACTION_CHANGED || type == EventType.ALLIANCE_CHANGE_IMPACT_RESOLVED) {
            progress(event, type);
            return;
        }
        List<Notice> notices = notices(event);
        // One line per event, carrying the trace id: an operator follows a change from the gateway to here.
        log.info("{} {}: {} notice(s)", event.type(), event.id(), notices.size());
        notices.forEach(inbox::deliver);
        projection.apply(event);
        if (event.knownType().orElse(null) == EventType.ALLIANCE_REGISTERED) {
            awaiting.release(event.dataAs(io.windshift.contract.alliance.AllianceRegistered.class).allianceId(), obligations::notifyWithTeam);
        }
    }

    /**
     * Progress on an impact: an action assigned by hand is told to its assignee first (so they are in the audience),
     * then the progress is folded quietly into the notification of everyone holding one for that trigger and
     * alliance, then the action's deadline is scheduled or cancelled. An action change older than the one held
     * tells nobody; its progress fact loses to the higher revision already folded in.
     */
    private void progress(CloudEvent event, EventType type) {
        Reach reach = audience.reach();
        if (type == EventType.ALLIANCE_IMPACT_ACTION_CHANGED) {
            ImpactActionChanged changed = event.dataAs(ImpactActionChanged.class);
            String trigger = changed.triggerEventId() == null ? event.id() : changed.triggerEventId();
            boolean stale = deadlines.stale(changed);
            if (!stale) {
                ProgressNotices.assigned(changed, event.id(), event.time(), reach).ifPresent(inbox::deliver);
            }
            List<Notice> progress = ProgressNotices.progress(changed, event.id(), event.time(), inbox.audienceOf(trigger, changed.allianceId()), reach);
            progress.forEach(inbox::deliver);
            deadlines.apply(changed);
            log.info("{} {}: action {} {} ({}), rev {}{}: progress for {} person(s)", event.type(), event.id(), changed.actionId(), changed.change(),
                    changed.state(), changed.revision(), stale ? " (older than held)" : "", progress.size());
        } else {
            ChangeImpactResolved resolved = event.dataAs(ChangeImpactResolved.class);
            String trigger = resolved.triggerEventId() == null ? event.id() : resolved.triggerEventId();
            List<Notice> progress = ProgressNotices.resolved(resolved, event.id(), event.time(), inbox.audienceOf(trigger, resolved.allianceId()), reach);
            progress.forEach(inbox::deliver);
            log.info("{} {}: impact {} resolved, rev {}: progress for {} person(s)", event.type(), event.id(), resolved.impactId(),
                    resolved.revision(), progress.size());
        }
    }

    private List<Notice> notices(CloudEvent event) {
        EventType type = event.knownType().orElse(null);
        if (type == null) {
            return List.of();
        }
        return switch (type) {
            case ALLIANCE_ROLE_VACATED -> {
                RoleVacated vacated = event.dataAs(RoleVacated.class);
                AllianceTeam team = team(vacated.allianceId());
                yield team == null ? List.of() : RoleVacancyNotices.of(vacated, event.id(), event.time(), team, audience.reach());
            }
            case ALLIANCE_CHANGE_IMPACT_ASSESSED -> {
                ChangeImpactAssessed impact = event.dataAs(ChangeImpactAssessed.class);
                yield ImpactNotices.of(impact, event.id(), event.time(), team(impact.allianceId()), audience.reach());
            }
            case ALLIANCE_SPONSOR_CHANGED, ALLIANCE_MANAGER_CHANGED -> {
                KeyRoleChanged changed = event.dataAs(KeyRoleChanged.class);
                yield KeyRoleNotices.of(changed, type.wireName(), event.id(), event.time(), team(changed.allianceId()), audience.reach());
            }
            case ALLIANCE_MANAGER_OVER_CAPACITY ->
                    KeyRoleNotices.overCapacity(event.dataAs(ManagerOverCapacity.class), event.id(), event.time(), audience.reach());
            default -> List.of();
        };
    }

    private AllianceTeam team(String allianceId) {
        AllianceTeam team = audience.team(allianceId).orElse(null);
        if (team == null) {
            log.warn("Alliance {} has not been seen registered; only configured heads can be told about it", allianceId);
        }
        return team;
    }
}
