package io.trackersuite.monitoring.visits;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A visit recorded by session-service (table created by Flyway, V1). */
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
}
