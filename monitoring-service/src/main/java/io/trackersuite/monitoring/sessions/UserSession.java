package io.trackersuite.monitoring.sessions;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One real login, from LOGIN to LOGOUT, expiry or termination (table created by Flyway, V1). */
@Entity
@Table(name = "user_sessions")
public class UserSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id")
    public String sessionId;
    @Column(name = "user_id")
    public String userId;
    public String username;
    public String role;
    public String roles;
    public String ip;
    @Column(name = "user_agent")
    public String userAgent;
    public String browser;
    public String os;
    public String device;
    @Column(name = "login_time")
    public Instant loginTime;
    @Column(name = "last_activity")
    public Instant lastActivity;
    @Column(name = "logout_time")
    public Instant logoutTime;
    @Column(name = "end_reason")
    public String endReason;
    public boolean active;
}
