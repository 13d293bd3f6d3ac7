package io.windshift.notification.inbox.api;

import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.Notification;
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
@RestController
@RequestMapping("/api/v1/notifications")
class InboxController {

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @PreAuthorize("@callerRules.isPerson()")
    InboxPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String me = Caller.current().subject();
        List<Item> items = inbox.page(me, page, size).stream().map(Item::of).toList();
        return new InboxPage(items, page, size, inbox.count(me), inbox.unread(me));
    }

    @PostMapping("/{id}/read")
    @PreAuthorize("@callerRules.isPerson()")
    Item markRead(@PathVariable String id) {
        return inbox.markRead(Caller.current().subject(), id).map(Item::of)
                .orElseThrow(() -> new NotFoundException("No notification " + id + " in your inbox"));
    }

    record InboxPage(List<Item> items, int page, int size, long totalItems, long unreadCount) {
    }

    record Item(String id, String type, String severity, String title, String body, List<String> allianceIds,
                String sourceEventId, Instant createdAt, Instant updatedAt, Instant readAt) {
        static Item of(Notification n) {
            return new Item(n.id(), n.type(), n.severity().name(), n.title(), n.body(), n.allianceIds(), n.sourceEventId(),
                    n.createdAt(), n.updatedAt(), n.readAt());
        }
    }
}
