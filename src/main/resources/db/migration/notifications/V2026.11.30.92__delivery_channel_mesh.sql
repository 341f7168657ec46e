-- Notifications delivered to an LA's MESH mailbox as Access to Service Notifications (issue 18).
alter table notifications.delivery drop constraint delivery_channel_check;
alter table notifications.delivery add constraint delivery_channel_check check (channel in ('WEBHOOK', 'EMAIL', 'MESH'));
