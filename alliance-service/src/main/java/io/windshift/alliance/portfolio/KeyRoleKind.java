package io.windshift.alliance.portfolio;

import io.windshift.contract.EventType;

/** Roles whose change has its own event type: a sponsor change and an alliance manager change. */
enum KeyRoleKind {
    SPONSOR(Role.EXECUTIVE_SPONSOR, EventType.ALLIANCE_SPONSOR_CHANGED),
    MANAGER(Role.ALLIANCE_MANAGER, EventType.ALLIANCE_MANAGER_CHANGED);

    final Role role;
    final EventType type;

    KeyRoleKind(Role role, EventType type) {
        this.role = role;
        this.type = type;
    }

    static KeyRoleKind of(Role role) {
        return role == Role.EXECUTIVE_SPONSOR ? SPONSOR : role == Role.ALLIANCE_MANAGER ? MANAGER : null;
    }
}
