package org.cpis.notifications;

/** Where a delivery stands; stored as these names. */
enum DeliveryState {
    PENDING,
    DELIVERED,
    FAILED
}
