package io.trackersuite.scanner.actions;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of the action audit trail: every action, dry or real, with who, what, when and the result. */
@Entity
@Table(name = "action_audit")
public class ActionAudit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    public String actor;
    @Column(name = "request_id")
    public String requestId;
    public String action;
    @Column(name = "resource_type")
    public String resourceType;
    public String region;
    @Column(name = "resource_id")
    public String resourceId;
    @Column(name = "dry_run")
    public boolean dryRun;
    public String outcome;
    public String detail;
    @Column(name = "previous_state")
    public String previousState;
    @Column(name = "new_state")
    public String newState;
    @Column(name = "verification_status")
    public String verificationStatus;
}
