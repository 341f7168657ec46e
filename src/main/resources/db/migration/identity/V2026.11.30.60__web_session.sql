-- Signed-in web sessions, shared by every node (Spring Session JDBC; spring.session.jdbc.table-name), so that any
-- node serves any person. Spring Session's own PostgreSQL schema (schema-postgresql.sql of spring-session-jdbc 4.1),
-- renamed into the identity schema; its queries name these tables and columns.
create table identity.web_session (
    primary_id             char(36)     not null,
    session_id             char(36)     not null,
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  int          not null,
    expiry_time            bigint       not null,
    principal_name         varchar(100),
    constraint web_session_pk primary key (primary_id)
);

create unique index web_session_ix1 on identity.web_session (session_id);
create index web_session_ix2 on identity.web_session (expiry_time);
create index web_session_ix3 on identity.web_session (principal_name);

create table identity.web_session_attributes (
    session_primary_id  char(36)      not null,
    attribute_name      varchar(200)  not null,
    attribute_bytes     bytea         not null,
    constraint web_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint web_session_attributes_fk foreign key (session_primary_id)
        references identity.web_session (primary_id) on delete cascade
);
