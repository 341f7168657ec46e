-- An LA's data manager confirms its contact details (issue 14); the home page reminds them when this is over 90 days
-- old. Null: never confirmed since the registry file set them.
alter table organisations.organisation add column contacts_confirmed_on date;
