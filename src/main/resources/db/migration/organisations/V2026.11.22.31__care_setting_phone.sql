-- A social worker reviewing a notification rings the health setting: its switchboard number, from the registry.
alter table organisations.organisation add column phone varchar(30);
