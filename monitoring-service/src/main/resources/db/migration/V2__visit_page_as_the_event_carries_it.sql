-- A visit's page is as long as the event contract allows (VisitEvent.MAX_PAGE_CHARS, 2048): session-service accepts
-- pages that long, and they were cut to 512 here.
alter table visits alter column page type varchar(2048);
