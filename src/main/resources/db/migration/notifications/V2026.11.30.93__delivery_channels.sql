-- The delivery channels together: issue 14's escalation e-mail (V2026.11.30.72) and issue 18's MESH deliveries
-- (V2026.11.30.92) each replaced the check with their own list, so whichever ran last refused the other's rows.
alter table notifications.delivery drop constraint delivery_channel_check;
alter table notifications.delivery add constraint delivery_channel_check
    check (channel in ('WEBHOOK', 'EMAIL', 'ESCALATION', 'MESH'));
