-- A webhook endpoint that keeps failing is backed off as a whole: while it is, none of its LA's webhook deliveries is
-- claimed, so a receiver that hangs until the timeout cannot hold up every other LA's deliveries one notification at a
-- time. Deliveries carry their LA so that the claim can tell without a join.
alter table notifications.delivery add column la_ods varchar(10);
update notifications.delivery d set la_ods = n.la_ods from notifications.notification n where n.id = d.notification_id;
alter table notifications.delivery alter column la_ods set not null;

alter table notifications.webhook
    add column consecutive_failures int not null default 0,
    add column retry_after timestamptz;
