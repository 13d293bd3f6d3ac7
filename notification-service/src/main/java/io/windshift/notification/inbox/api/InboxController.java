package io.windshift.notification.inbox.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.ApiProblem;
import io.windshift.notification.inbox.Delivery;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.Notification;
import io.windshift.notification.inbox.ProgressSummary;
import io.windshift.service.security.Caller;
import io.windshift.service.web.NotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A person's own inbox. Nobody reads another person's notifications; integration clients read none. */
@Tag(name = "Inbox", description = "A person's own notifications: paging, unread count, read, archive, and a live stream.")
@RestController
@RequestMapping("/api/v1/notifications")
class InboxController {

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @Operation(operationId = "listMyNotifications", summary = "Read my inbox",
            description = "The caller's notifications, newest first, paged, with the total and the unread count; `archived=true` for the "
                    + "archive. Each item says what changed, which alliances it touches, what to do, and its deliveries.")
    @GetMapping
    @PreAuthorize("@callerRules.isPerson()")
    InboxPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                   @RequestParam(defaultValue = "false") boolean archived) {
        String me = Caller.current().subject();
        List<Item> items = inbox.page(me, archived, page, size).stream().map(Item::of).toList();
        return new InboxPage(items, page, size, inbox.count(me, archived), inbox.unread(me));
    }

    @Operation(operationId = "countMyUnreadNotifications", summary = "Count my unread notifications",
            description = "How many of the caller's notifications are unread.")
    @GetMapping("/unread-count")
    @PreAuthorize("@callerRules.isPerson()")
    UnreadCount unreadCount() {
        return new UnreadCount(inbox.unread(Caller.current().subject()));
    }

    @Operation(operationId = "getMyNotification", summary = "Read one of my notifications",
            description = "One notification of the caller's inbox with its deliveries and progress.")
    @ApiProblem(status = 404, when = "No notification with this id in the caller's inbox.")
    @GetMapping("/{id}")
    @PreAuthorize("@callerRules.isPerson()")
    Item one(@PathVariable String id) {
        return inbox.find(Caller.current().subject(), id).map(Item::of).orElseThrow(() -> notFound(id));
    }

    @Operation(operationId = "markNotificationRead", summary = "Mark a notification read",
            description = "Sets `readAt` (once); an unread critical notification would otherwise escalate to the caller's manager.")
    @ApiProblem(status = 404, when = "No notification with this id in the caller's inbox.")
    @PostMapping("/{id}/read")
    @PreAuthorize("@callerRules.isPerson()")
    Item markRead(@PathVariable String id) {
        return inbox.markRead(Caller.current().subject(), id).map(Item::of).orElseThrow(() -> notFound(id));
    }

    @Operation(operationId = "archiveNotification", summary = "Archive a notification",
            description = "Moves the notification to the archive (`archived=true` lists it).")
    @ApiProblem(status = 404, when = "No notification with this id in the caller's inbox.")
    @PostMapping("/{id}/archive")
    @PreAuthorize("@callerRules.isPerson()")
    Item archive(@PathVariable String id) {
        return inbox.archive(Caller.current().subject(), id).map(Item::of).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No notification " + id + " in your inbox");
    }

    record InboxPage(List<Item> items, int page, int size, long totalItems, long unreadCount) {
    }

    record UnreadCount(long unreadCount) {
    }

    record Item(String id, String type, String category, String severity, String title, String body, List<String> allianceIds,
                String sourceEventId, List<String> actions, List<String> links, Instant createdAt, Instant updatedAt, Instant readAt,
                Instant archivedAt, boolean escalated, Instant escalatedAt, Instant cancelledAt, List<DeliveryView> deliveries,
                ProgressView progress) {
        static Item of(Notification n) {
            return new Item(n.id(), n.type(), n.category().name(), n.severity().name(), n.title(), n.body(), n.allianceIds(), n.sourceEventId(),
                    n.actions(), n.links(), n.createdAt(), n.updatedAt(), n.readAt(), n.archivedAt(), n.escalatedAt() != null, n.escalatedAt(),
                    n.cancelledAt(), n.deliveries().stream().map(DeliveryView::of).toList(), ProgressView.of(n.progress()));
        }
    }

    /** Progress summed over the impacts folded into the item; null when none reported any. */
    record ProgressView(int impacts, int resolvedImpacts, int actions, int open, int done, int dismissed) {
        static ProgressView of(ProgressSummary p) {
            return p == null ? null : new ProgressView(p.impacts(), p.resolvedImpacts(), p.actions(), p.open(), p.done(), p.dismissed());
        }
    }

    /** Delivery status per outbound channel: visible, so nothing is silently lost. */
    record DeliveryView(String channel, String status, int attempts, Instant dueAt, String deferredReason, Instant lastAttemptAt, String lastError) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.channel(), d.status().name(), d.attempts(), d.dueAt(), d.deferredReason(), d.lastAttemptAt(), d.lastError());
        }
    }
}
