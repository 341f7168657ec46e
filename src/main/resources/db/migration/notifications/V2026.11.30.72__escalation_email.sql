-- Issue 14: a notification left unreviewed too long is also e-mailed to the LA's duty mailbox, as its own delivery
-- (one per notification, beside the first e-mail backup), so that it is retried like any delivery and never lost.
alter table notifications.delivery drop constraint delivery_channel_check;
alter table notifications.delivery add constraint delivery_channel_check
    check (channel in ('WEBHOOK', 'EMAIL', 'ESCALATION'));
