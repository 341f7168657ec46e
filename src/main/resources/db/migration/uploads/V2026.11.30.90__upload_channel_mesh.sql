-- HL7 v3 upload files arriving through the hub's MESH mailbox (issue 18) are uploads like any other.
alter table uploads.upload drop constraint upload_channel_check;
alter table uploads.upload add constraint upload_channel_check check (channel in ('API', 'WEB', 'MESH'));
