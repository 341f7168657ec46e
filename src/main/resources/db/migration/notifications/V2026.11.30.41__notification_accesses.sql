-- Issue 12: a grouped notification lists each person who looked and when, not only a count. One row per access
-- counted on the notification, written in the lookup's transaction like the notification itself.
create table notifications.notification_access (
    notification_id  uuid         not null references notifications.notification (id) on delete cascade,
    access_id        bigint       not null,
    accessed_at      timestamptz  not null,
    actor_name       varchar(200) not null,
    actor_role       varchar(40)  not null,
    primary key (notification_id, access_id)
);

-- Notifications made before this table: their first access is known.
insert into notifications.notification_access (notification_id, access_id, accessed_at, actor_name, actor_role)
select id, first_access_id, first_accessed_at, actor_name, actor_role from notifications.notification;
