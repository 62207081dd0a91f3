-- The network a visit came from, as session-service now records it from the open ASN data: the autonomous system
-- and its holder, and whether it is a cloud, hosting, CDN or data-centre network. Visits recorded before stay
-- unknown (null) and not hosting.
alter table visits
    add column asn integer,
    add column as_organization varchar(256),
    add column hosting boolean not null default false;
create index visits_asn_time on visits (asn, visit_time) where asn is not null;
