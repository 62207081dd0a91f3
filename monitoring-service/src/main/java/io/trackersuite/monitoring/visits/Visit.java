package io.trackersuite.monitoring.visits;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A visit recorded by session-service (table created by Flyway, V1; its network since V3). */
@Entity
@Table(name = "visits")
public class Visit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id")
    public String eventId;
    @Column(name = "visit_time")
    public Instant visitTime;
    public String ip;
    public String country;
    public String city;
    public boolean vpn;
    @Column(name = "user_agent")
    public String userAgent;
    public String page;
    public boolean duplicate;
    /** A cloud, hosting, CDN or data-centre network. */
    public boolean hosting;
    /** The autonomous system the address belongs to, and its holder; null when unknown. */
    public Integer asn;
    @Column(name = "as_organization")
    public String asOrganization;
}
