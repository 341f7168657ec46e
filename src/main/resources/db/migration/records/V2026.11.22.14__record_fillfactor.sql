-- Room on each page for a changed plan's new row version: an update that changes no indexed column (names, dates,
-- worker) then stays on its page and adds no index entries (HOT), which halves the cost of changed rows in a load.
alter table records.record set (fillfactor = 80);
